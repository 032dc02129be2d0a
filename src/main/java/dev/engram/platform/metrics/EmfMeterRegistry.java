package dev.engram.platform.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionCounter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionTimer;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.internal.DefaultMeter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * A Micrometer registry that remembers what happened since it was last drained: counter increments as deltas, and
 * every timer and distribution summary sample as a value, so CloudWatch can compute averages and percentiles from
 * EMF. Nothing is sent anywhere by the registry itself; {@link MetricsFlush} drains it at the end of an invocation.
 */
public class EmfMeterRegistry extends MeterRegistry {

    /** Samples kept per timer between two drains; more are counted in the sum but not kept one by one. */
    static final int MAX_SAMPLES = 10_000;

    private final Map<Meter.Id, Double> lastCounts = new HashMap<>();

    public EmfMeterRegistry(Clock clock) {
        super(clock);
        config().namingConvention(NamingConvention.identity);
    }

    /**
     * One metric's values since the last drain.
     *
     * @param name   the meter's name
     * @param tags   its tags, which become dimensions
     * @param unit   an EMF unit ({@code Count}, {@code Milliseconds}, {@code None})
     * @param values the values: one delta for a counter, the samples for a timer
     */
    public record Datum(String name, Map<String, String> tags, String unit, List<Double> values) {
    }

    /** What changed since the last call: counters that moved, timers and summaries that recorded samples, gauges. */
    public synchronized List<Datum> drain() {
        List<Datum> data = new ArrayList<>();
        for (Meter meter : getMeters()) {
            Meter.Id id = meter.getId();
            if (meter instanceof Counter c) {
                delta(id, c.count(), data);
            } else if (meter instanceof FunctionCounter c) {
                delta(id, c.count(), data);
            } else if (meter instanceof SampledTimer t) {
                List<Double> samples = t.drainSamples();
                if (!samples.isEmpty()) {
                    data.add(new Datum(id.getName(), tags(id), "Milliseconds", samples));
                }
            } else if (meter instanceof SampledSummary s) {
                List<Double> samples = s.drainSamples();
                if (!samples.isEmpty()) {
                    data.add(new Datum(id.getName(), tags(id), unitOf(id), samples));
                }
            } else if (meter instanceof Gauge g) {
                double value = g.value();
                if (Double.isFinite(value)) {
                    data.add(new Datum(id.getName(), tags(id), unitOf(id), List.of(value)));
                }
            }
        }
        return data;
    }

    private void delta(Meter.Id id, double count, List<Datum> data) {
        double previous = lastCounts.getOrDefault(id, 0.0);
        lastCounts.put(id, count);
        double delta = count - previous;
        if (delta > 0) {
            data.add(new Datum(id.getName(), tags(id), "Count", List.of(delta)));
        }
    }

    private static Map<String, String> tags(Meter.Id id) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : id.getTagsAsIterable()) {
            tags.put(tag.getKey(), tag.getValue());
        }
        return tags;
    }

    private static String unitOf(Meter.Id id) {
        String unit = id.getBaseUnit();
        if (unit == null) {
            return "None";
        }
        return switch (unit) {
            case "bytes" -> "Bytes";
            case "milliseconds" -> "Milliseconds";
            case "seconds" -> "Seconds";
            case "percent" -> "Percent";
            default -> "None";
        };
    }

    @Override
    protected <T> Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
        return new DefaultGauge<>(id, obj, valueFunction);
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        return new CumulativeCounter(id);
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
        return new DefaultLongTaskTimer(id, clock, getBaseTimeUnit(), config, false);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        return new SampledTimer(id, clock, config, pauseDetector, getBaseTimeUnit());
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config,
            double scale) {
        return new SampledSummary(id, clock, config, scale);
    }

    @Override
    protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
        return new DefaultMeter(id, type, measurements);
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
            ToDoubleFunction<T> totalTimeFunction, TimeUnit totalTimeFunctionUnit) {
        return new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction, totalTimeFunctionUnit,
                getBaseTimeUnit());
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
        return new CumulativeFunctionCounter<>(id, obj, countFunction);
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.MILLISECONDS;
    }

    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.DEFAULT;
    }

    /** Samples recorded since the last drain, bounded. */
    private static final class Samples {
        private final List<Double> values = new ArrayList<>();

        synchronized void add(double value) {
            if (values.size() < MAX_SAMPLES) {
                values.add(value);
            }
        }

        synchronized List<Double> drain() {
            List<Double> copy = List.copyOf(values);
            values.clear();
            return copy;
        }
    }

    /** A cumulative timer that also keeps its samples (in milliseconds) until drained. */
    static final class SampledTimer extends CumulativeTimer {
        private final Samples samples = new Samples();

        SampledTimer(Meter.Id id, Clock clock, DistributionStatisticConfig config, PauseDetector pauseDetector,
                TimeUnit baseTimeUnit) {
            super(id, clock, config, pauseDetector, baseTimeUnit, false);
        }

        @Override
        protected void recordNonNegative(long amount, TimeUnit unit) {
            super.recordNonNegative(amount, unit);
            samples.add(unit.toNanos(amount) / 1_000_000.0);
        }

        List<Double> drainSamples() {
            return samples.drain();
        }
    }

    /** A cumulative distribution summary that also keeps its samples until drained. */
    static final class SampledSummary extends CumulativeDistributionSummary {
        private final Samples samples = new Samples();

        SampledSummary(Meter.Id id, Clock clock, DistributionStatisticConfig config, double scale) {
            super(id, clock, config, scale, false);
        }

        @Override
        protected void recordNonNegative(double amount) {
            super.recordNonNegative(amount);
            samples.add(amount);
        }

        List<Double> drainSamples() {
            return samples.drain();
        }
    }
}
