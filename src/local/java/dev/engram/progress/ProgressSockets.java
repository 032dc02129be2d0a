package dev.engram.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open progress sockets per user, so one user cannot hold more than the configured number. */
@ApplicationScoped
public class ProgressSockets {

    /** Limits of the progress WebSocket. */
    @ConfigMapping(prefix = "engram.progress.socket")
    public interface Settings {
        /** Open progress sockets one user may hold; one more is closed with 4429. */
        @WithDefault("20")
        int maxPerUser();
    }

    private final Settings settings;
    private final Map<String, Set<String>> open = new ConcurrentHashMap<>();

    ProgressSockets(Settings settings) {
        this.settings = settings;
    }

    /** Counts socket {@code id} for {@code user}; false, counting nothing, when the user holds the maximum. */
    boolean admit(String user, String id) {
        boolean[] admitted = {false};
        open.compute(user, (k, ids) -> {
            Set<String> set = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            if (set.size() < settings.maxPerUser()) {
                set.add(id);
                admitted[0] = true;
            }
            return set.isEmpty() ? null : set;
        });
        return admitted[0];
    }

    void release(String user, String id) {
        open.computeIfPresent(user, (k, ids) -> {
            ids.remove(id);
            return ids.isEmpty() ? null : ids;
        });
    }

    /** Sockets {@code user} holds now. */
    public int openFor(String user) {
        Set<String> ids = open.get(user);
        return ids == null ? 0 : ids.size();
    }
}
