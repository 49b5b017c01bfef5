using System;
using System.Diagnostics.Metrics;
using System.Threading;

namespace GenScheduler.Workloads;

/// <summary>
/// A <see cref="MeterListener"/> that takes every measurement of the scheduler's meter and adds it up, as the cheapest
/// possible exporter would: what attaching metrics costs a fire, before any exporter's own work.
/// </summary>
internal sealed class MeasurementSink : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _longs;
    private double _doubles;

    public MeasurementSink()
    {
        _listener.InstrumentPublished = static (instrument, listener) =>
        {
            if (instrument.Meter.Name == "GenScheduler")
            {
                listener.EnableMeasurementEvents(instrument, null);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _longs, value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => _doubles += value);
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
