package dev.engram.extract;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@link Extractor} chosen by {@code engram.extract.provider}. */
@ApplicationScoped
public class ActiveExtractor {

    private final Extractor extractor;

    ActiveExtractor(@All List<Extractor> providers, ExtractSettings settings) {
        this.extractor = providers.stream().filter(e -> e.name().equals(settings.provider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown engram.extract.provider '"
                        + settings.provider() + "'; available: " + providers.stream().map(Extractor::name).toList()));
    }

    public Extractor get() {
        return extractor;
    }
}
