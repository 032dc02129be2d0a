package dev.engram.chat;

import dev.engram.chat.ChatMessageRepository.SeqVector;
import dev.engram.embed.ActiveEmbedder;
import dev.engram.embed.Embedder;
import dev.engram.embed.Similarity;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a logical breakpoint in a conversation: the point where what the user talks about moves on (from budgets to a
 * holiday), so the messages before it are summarized as a window of their own instead of blended with what follows.
 *
 * <p>The last {@code engram.chat.shift-window} user messages (6) are compared with the unsummarized user messages
 * before them: the cosine of their centroids, each first moved by the mean embedding of everyday sentences on
 * unrelated subjects (a sentence embedding model places any two English sentences close together; bge-small puts the
 * centroids of a budget discussion and a holiday plan at 0.71, halves of the budget discussion at 0.87; without the
 * common part they are 0.22 and 0.62). Under {@code engram.chat.shift-threshold} (0.5) the conversation has shifted;
 * the breakpoint follows the last of the recent messages that is nearer what came before than the latest ones.
 */
@ApplicationScoped
class ContextShift {

    /** Fewer unsummarized user messages than this before the recent ones say too little about what came before. */
    static final int MIN_BEFORE = 3;
    /** The latest messages that stand for the new subject when placing the breakpoint. */
    static final int MIN_AFTER = 2;

    private final ActiveEmbedder embedder;
    private final ChatSettings settings;
    /** The everyday-sentence mean per embedding model, computed once. */
    private final Map<String, float[]> background = new ConcurrentHashMap<>();

    ContextShift(ActiveEmbedder embedder, ChatSettings settings) {
        this.embedder = embedder;
        this.settings = settings;
    }

    /**
     * The seq of the first message after a breakpoint among {@code vectors} (the unsummarized user messages, in seq
     * order), or empty when the conversation has not shifted.
     */
    OptionalInt breakpoint(List<SeqVector> vectors) {
        int window = settings.shiftWindow();
        if (vectors.size() < window + MIN_BEFORE) {
            return OptionalInt.empty();
        }
        float[] mean = background();
        int recentFrom = vectors.size() - window;
        double similarity = similarity(vectors.subList(0, recentFrom), vectors.subList(recentFrom, vectors.size()),
                mean);
        if (similarity >= settings.shiftThreshold()) {
            return OptionalInt.empty();
        }
        // The recent window may still open with messages of the old subject: each recent message goes to the side it
        // is nearer, what came before or the last few; the breakpoint follows the last one nearer what came before.
        float[] old = centred(vectors.subList(0, recentFrom), mean);
        float[] now = centred(vectors.subList(vectors.size() - MIN_AFTER, vectors.size()), mean);
        int best = recentFrom;
        for (int at = recentFrom; at < vectors.size() - MIN_AFTER; at++) {
            float[] v = centred(vectors.subList(at, at + 1), mean);
            if (Similarity.cosine(v, old) >= Similarity.cosine(v, now)) {
                best = at + 1;
            }
        }
        return OptionalInt.of(vectors.get(best).seq());
    }

    /** The cosine of the two stretches' centroids, each less {@code mean}. */
    static double similarity(List<SeqVector> before, List<SeqVector> after, float[] mean) {
        return Similarity.cosine(centred(before, mean), centred(after, mean));
    }

    private static float[] centred(List<SeqVector> vectors, float[] mean) {
        float[] c = new float[mean.length];
        for (SeqVector v : vectors) {
            for (int i = 0; i < c.length; i++) {
                c[i] += v.vector()[i] / vectors.size();
            }
        }
        for (int i = 0; i < c.length; i++) {
            c[i] -= mean[i];
        }
        return c;
    }

    /** The mean embedding of the everyday sentences under the active model. */
    float[] background() {
        Embedder e = embedder.get();
        return background.computeIfAbsent(e.model(), model -> {
            List<float[]> vectors = e.embedAll(sentences());
            float[] mean = new float[vectors.get(0).length];
            for (float[] v : vectors) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += v[i] / vectors.size();
                }
            }
            return mean;
        });
    }

    static List<String> sentences() {
        try (InputStream in = ContextShift.class.getResourceAsStream("/chat/background-sentences.txt")) {
            if (in == null) {
                throw new IllegalStateException("chat/background-sentences.txt is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
