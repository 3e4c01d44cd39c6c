using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ChatAssistant.Tests.Architecture;

/// <summary>One type of a folder using one type of another folder, with where it was first seen.</summary>
internal sealed record TypeUse(string From, string To, string ToType, string Example);

/// <summary>
/// The folder-to-folder dependencies of one assembly at type level, read from its metadata and IL with Mono.Cecil:
/// base types, interfaces, attributes, fields, properties, events, method signatures, generic arguments and
/// constraints, locals, catch clauses and every type, method and field a method body names. Lambdas, closures,
/// iterators and async state machines are nested types of the type that wrote them, so they count for its folder.
/// A folder is a namespace below <c>root</c> (<c>ChatAssistant.Channels.Telegram</c> is <c>Channels.Telegram</c>);
/// types outside it (generated helpers, the global <c>Program</c>, other assemblies) are not counted.
/// </summary>
internal sealed class FolderGraph
{
    private readonly string _root;
    private readonly Dictionary<(string From, string ToType), TypeUse> _uses = [];

    private FolderGraph(string root) => _root = root;

    /// <summary>Each used type of another folder once, with the first place (in metadata order) that uses it.</summary>
    public IReadOnlyCollection<TypeUse> Uses => _uses.Values;

    /// <summary>Every folder with a type of its own.</summary>
    public IReadOnlySet<string> Folders { get; private set; } = new HashSet<string>();

    public static FolderGraph Read(string assemblyPath, string root)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var graph = new FolderGraph(root);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (graph.FolderOf(type) is { } folder)
            {
                folders.Add(folder);
                graph.Visit(type, folder);
            }
        }

        graph.Folders = folders;
        return graph;
    }

    /// <summary>The folder a type belongs to: its outermost declaring type's namespace below the root, else null.</summary>
    public string? FolderOf(TypeReference type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        var ns = type.Namespace;
        return ns.Length > _root.Length && ns.StartsWith(_root, StringComparison.Ordinal) && ns[_root.Length] == '.'
            ? ns[(_root.Length + 1)..]
            : null;
    }

    private void Visit(TypeDefinition type, string folder)
    {
        var name = Outer(type).FullName[(_root.Length + 1)..];
        var site = new Site(this, folder, name);
        site.Type(type.BaseType, "derives from");
        foreach (var implemented in type.Interfaces)
        {
            site.Type(implemented.InterfaceType, "implements");
            site.Attributes(implemented, "an interface's attribute");
        }

        site.Attributes(type, "attribute");
        site.GenericParameters(type, "a type parameter's constraint");
        foreach (var property in type.Properties)
        {
            site.Type(property.PropertyType, $"property {property.Name}");
            site.Attributes(property, $"property {property.Name}'s attribute");
        }

        foreach (var field in type.Fields)
        {
            site.Type(field.FieldType, $"field {field.Name}");
            site.Attributes(field, $"field {field.Name}'s attribute");
        }

        foreach (var @event in type.Events)
        {
            site.Type(@event.EventType, $"event {@event.Name}");
        }

        foreach (var method in type.Methods)
        {
            var where = $"{type.Name}.{method.Name}";
            site.Type(method.ReturnType, $"{where} returns");
            foreach (var parameter in method.Parameters)
            {
                site.Type(parameter.ParameterType, $"{where} parameter {parameter.Name}");
                site.Attributes(parameter, $"{where} parameter {parameter.Name}'s attribute");
            }

            site.Attributes(method, $"{where}'s attribute");
            site.Attributes(method.MethodReturnType, $"{where}'s return attribute");
            site.GenericParameters(method, $"{where}'s type parameter constraint");
            foreach (var overridden in method.Overrides)
            {
                site.Method(overridden, $"{where} overrides");
            }

            if (method.HasBody)
            {
                site.Body(method.Body, $"{where} body");
            }
        }
    }

    private static TypeDefinition Outer(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type;
    }

    private void Add(string from, TypeDefinition used, string example)
    {
        if (FolderOf(used) is { } to && to != from)
        {
            var usedName = Outer(used).FullName[(_root.Length + 1)..];
            _uses.TryAdd((from, usedName), new TypeUse(from, to, usedName, example));
        }
    }

    /// <summary>Where references are collected from: one type of one folder.</summary>
    private sealed class Site(FolderGraph graph, string folder, string typeName)
    {
        public void Type(TypeReference? type, string how)
        {
            switch (type)
            {
                case null:
                case GenericParameter:
                    return;
                case GenericInstanceType generic:
                    Type(generic.ElementType, how);
                    foreach (var argument in generic.GenericArguments)
                    {
                        Type(argument, how);
                    }

                    return;
                case FunctionPointerType pointer:
                    Type(pointer.ReturnType, how);
                    foreach (var parameter in pointer.Parameters)
                    {
                        Type(parameter.ParameterType, how);
                    }

                    return;
                case IModifierType modified:
                    Type(modified.ModifierType, how);
                    Type(((TypeSpecification)type).ElementType, how);
                    return;
                case TypeSpecification specification: // arrays, by-ref, pointers, pinned, sentinels
                    Type(specification.ElementType, how);
                    return;
            }

            if (type.DeclaringType is { } outer)
            {
                Type(outer, how);
            }

            // Only this assembly's own types make folder edges; a reference to another assembly resolves elsewhere.
            if (type.Scope is ModuleDefinition && type.Resolve() is { } definition)
            {
                graph.Add(folder, definition, $"{typeName} uses {definition.FullName[(graph._root.Length + 1)..]} ({how})");
            }
        }

        public void Method(MethodReference method, string how)
        {
            Type(method.DeclaringType, how);
            Type(method.ReturnType, how);
            foreach (var parameter in method.Parameters)
            {
                Type(parameter.ParameterType, how);
            }

            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    Type(argument, how);
                }
            }
        }

        public void Attributes(ICustomAttributeProvider provider, string how)
        {
            if (!provider.HasCustomAttributes)
            {
                return;
            }

            foreach (var attribute in provider.CustomAttributes)
            {
                Method(attribute.Constructor, how);
                foreach (var argument in attribute.ConstructorArguments)
                {
                    Argument(argument, how);
                }

                foreach (var named in attribute.Properties.Concat(attribute.Fields))
                {
                    Argument(named.Argument, how);
                }
            }
        }

        public void GenericParameters(IGenericParameterProvider provider, string how)
        {
            foreach (var parameter in provider.GenericParameters)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    Type(constraint.ConstraintType, how);
                }
            }
        }

        public void Body(MethodBody body, string how)
        {
            foreach (var variable in body.Variables)
            {
                Type(variable.VariableType, how);
            }

            foreach (var handler in body.ExceptionHandlers)
            {
                Type(handler.CatchType, how);
            }

            foreach (var instruction in body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference type:
                        Type(type, how);
                        break;
                    case MethodReference method:
                        Method(method, how);
                        break;
                    case FieldReference field:
                        Type(field.DeclaringType, how);
                        Type(field.FieldType, how);
                        break;
                    case CallSite site:
                        Type(site.ReturnType, how);
                        foreach (var parameter in site.Parameters)
                        {
                            Type(parameter.ParameterType, how);
                        }

                        break;
                }
            }
        }

        private void Argument(CustomAttributeArgument argument, string how)
        {
            Type(argument.Type, how);
            switch (argument.Value)
            {
                case TypeReference type: // typeof(X) in an attribute
                    Type(type, how);
                    break;
                case CustomAttributeArgument boxed:
                    Argument(boxed, how);
                    break;
                case CustomAttributeArgument[] items:
                    foreach (var item in items)
                    {
                        Argument(item, how);
                    }

                    break;
            }
        }
    }
}
