package dev.engram.embed;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The {@link Embedder} chosen by {@code engram.embed.provider}, checked against the schema's dimension. */
@ApplicationScoped
public class ActiveEmbedder {

    private final Embedder embedder;

    ActiveEmbedder(@All List<Embedder> providers, EmbedSettings settings) {
        Embedder chosen = providers.stream().filter(e -> e.name().equals(settings.provider())).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown engram.embed.provider '"
                        + settings.provider() + "'; available: " + providers.stream().map(Embedder::name).toList()));
        if (chosen.dimension() != settings.dimension()) {
            throw new IllegalStateException("engram.embed.dimension=" + settings.dimension() + " but model "
                    + chosen.model() + " has " + chosen.dimension() + " dimensions");
        }
        this.embedder = chosen;
    }

    public Embedder get() {
        return embedder;
    }
}
