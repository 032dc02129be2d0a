package dev.engram.platform.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.config.MeterFilter;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the EMF registry; Quarkus adds every {@code MeterRegistry} bean to its global composite, so each meter the
 * code creates through the injected {@code MeterRegistry} is recorded here too. When EMF output is off the registry
 * accepts no meters and costs nothing.
 */
@Singleton
public class EmfRegistryProducer {

    @Produces
    @Singleton
    @DefaultBean
    @Unremovable
    EmfMeterRegistry emfRegistry(EmfSettings settings) {
        EmfMeterRegistry registry = new EmfMeterRegistry(Clock.SYSTEM);
        if (settings.active()) {
            String prefix = settings.meterPrefix();
            registry.config().meterFilter(MeterFilter.denyUnless(id -> id.getName().startsWith(prefix)));
        } else {
            registry.config().meterFilter(MeterFilter.deny());
        }
        return registry;
    }
}
