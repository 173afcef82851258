using System.Diagnostics.Tracing;

namespace SchemaDrift.Bench;

/// <summary>
/// The runtime's allocation sampling (GCAllocationTick, one event per ~100 KB allocated, naming
/// the type of the object that crossed the threshold) summed by type: which types a change of the
/// analyzers allocates more or fewer of, without an external profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private bool _on;

    public void Start() { lock (_bytes) { _bytes.Clear(); _on = true; } }

    public Dictionary<string, long> Stop() { lock (_bytes) { _on = false; return new Dictionary<string, long>(_bytes); } }

    protected override void OnEventSourceCreated(EventSource source)
    {
        // GC keyword (0x1) at verbose level turns on AllocationTick.
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload == null) return;
        var type = "?";
        long amount = 0;
        for (var i = 0; i < e.Payload.Count; i++)
        {
            var name = e.PayloadNames![i];
            if (name == "TypeName") type = e.Payload[i] as string ?? "?";
            else if (name == "AllocationAmount64") amount = Convert.ToInt64(e.Payload[i]);
        }
        lock (_bytes)
        {
            if (!_on) return;
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
