namespace ChatAssistant.Benchmarks.Load;

/// <summary>Which of the stored owners are the active ones, which decides how many database pages their messages touch.</summary>
internal enum OwnerLayout
{
    /// <summary>
    /// The most recently registered owners: their rows are neighbours (row ids grow with registration), so a
    /// transaction's messages share pages, as when a campaign brings new owners in.
    /// </summary>
    Recent,

    /// <summary>
    /// Evenly spread over every stored owner: each active owner's rows sit on pages of their own, as when a
    /// broadcast to a whole province makes owners of every age reply. The page-level worst case.
    /// </summary>
    Spread,
}
