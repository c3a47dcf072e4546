using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Brokering.Features.Persistence;

/// <summary>
/// A query that every booking or grain activation runs, compiled because translating it each time
/// costs more than running it. Compiled once per EF model, not once per process: a compiled query
/// keeps the provider it first ran on, and one process may hold both databases' models (the tests do).
/// </summary>
/// <typeparam name="TQuery">The delegate <c>EF.CompileAsyncQuery</c> returns.</typeparam>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _compiled = new();

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db) => _compiled.GetOrAdd(db.Model, _ => compile());
}
