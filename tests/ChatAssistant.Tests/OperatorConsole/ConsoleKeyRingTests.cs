using ChatAssistant.OperatorConsole;
using ChatAssistant.Storage.Postgres;
using ChatAssistant.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatAssistant.Tests.OperatorConsole;

public sealed class ConsoleKeyRingTests
{
    [Fact]
    public void A_cookie_one_replica_protected_is_read_by_another_replica_on_the_same_database()
    {
        var connectionString = TestPostgres.NewDatabase();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        using (TestDatabase.OpenPostgres(connectionString, time))
        {
            // migrated
        }

        using var first = new PostgresProvider(connectionString);
        using var second = new PostgresProvider(connectionString);
        var protectedByFirst = Protector(new ConsoleKeyRing(first, time)).Protect("operator:telegram:42");

        Assert.Equal("operator:telegram:42", Protector(new ConsoleKeyRing(second, time)).Unprotect(protectedByFirst));
        Assert.Single(new ConsoleKeyRing(second, time).GetAllElements());
    }

    [Fact]
    public void Another_database_does_not_read_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        var one = TestPostgres.NewDatabase();
        var other = TestPostgres.NewDatabase();
        using (TestDatabase.OpenPostgres(one, time))
        using (TestDatabase.OpenPostgres(other, time))
        {
            // migrated
        }

        using var first = new PostgresProvider(one);
        using var second = new PostgresProvider(other);
        var protectedByFirst = Protector(new ConsoleKeyRing(first, time)).Protect("operator:telegram:42");

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(new ConsoleKeyRing(second, time)).Unprotect(protectedByFirst));
    }

    private static IDataProtector Protector(ConsoleKeyRing keyRing)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("ChatAssistant.Console");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = keyRing);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("console-test");
    }
}
