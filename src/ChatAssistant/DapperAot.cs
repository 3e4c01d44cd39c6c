// Dapper.AOT generates the binding and mapping of the Dapper calls at build time (no reflection at run time).
[module: Dapper.DapperAot]

// Value tuples are read by position, in the order of the SELECT list, as Dapper itself does.
[module: Dapper.BindTupleByName(false)]
