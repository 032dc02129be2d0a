package dev.engram.profile;

import dev.engram.extract.llm.ExtractionCalls;
import dev.engram.extract.llm.ModelAnswers;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Traits read by an LLM behind any OpenAI-compatible endpoint ({@code engram.profile.insight-provider=openai}), the
 * one extraction uses, under the same fault tolerance and pace ({@link ExtractionCalls}). Only the user's own
 * messages are sent. A trait is kept only when the message it names is one of them and contains its supporting text
 * verbatim (a trait quoting anything else, the twin's words included, is dropped), its category is one Engram knows
 * and its confidence is at least {@link TraitRules#FLOOR}; an answer that cannot be read is asked for again once.
 */
@ApplicationScoped
class OpenAiTraitReader implements TraitReader {

    static final Set<String> CATEGORIES = Set.of("preference", "interest", "skill", "relationship", "dislike");
    static final Set<String> SUBCATEGORIES = Set.of("scheduling", "communication", "food", "tools", "work_style",
            "other");
    /** The most an inferred trait may claim, as sure as the rules' surest. */
    static final double CEILING = TraitRules.SURE;

    private final InsightPrompt prompt;
    private final ModelAnswers answers;
    private final MeterRegistry metrics;

    OpenAiTraitReader(InsightPrompt prompt, ModelAnswers answers, MeterRegistry metrics) {
        this.prompt = prompt;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<Found> read(List<UserStatement> statements) {
        if (statements.isEmpty()) {
            return List.of();
        }
        String messages = statements.stream().map(s -> "[message " + s.messageId() + "]: " + s.content())
                .collect(Collectors.joining("\n"));
        return answers.ask("insights", correction -> prompt.read(messages, correction), answer -> {
            metrics.counter("engram.profile.insight_calls", "outcome", "ok").increment();
            return ModelAnswers.Checked.ok(kept(answer, statements));
        });
    }

    /** The answer's traits that quote one of {@code statements} verbatim, with a known category, sure enough. */
    static List<Found> kept(InsightAnswer answer, List<UserStatement> statements) {
        Map<String, UserStatement> byId = statements.stream().collect(Collectors.toMap(s -> s.messageId().toString(),
                Function.identity(), (a, b) -> a));
        List<Found> out = new ArrayList<>();
        if (answer.insights() == null) {
            return out;
        }
        for (InsightAnswer.Item item : answer.insights()) {
            if (item == null || blank(item.trait()) || blank(item.supportingText()) || item.confidence() == null
                    || item.category() == null) {
                continue;
            }
            UserStatement from = byId.get(item.messageId() == null ? "" : item.messageId().strip());
            String category = item.category().strip().toLowerCase(Locale.ROOT);
            if (from == null || !from.content().contains(item.supportingText().strip())
                    || !CATEGORIES.contains(category) || item.confidence() < TraitRules.FLOOR) {
                continue;
            }
            String trait = item.trait().strip();
            String subcategory = item.subcategory() == null ? null
                    : item.subcategory().strip().toLowerCase(Locale.ROOT);
            if (subcategory == null || !SUBCATEGORIES.contains(subcategory)) {
                subcategory = TraitRules.subcategory(trait);
            }
            out.add(new Found(new ProfileTrait(category, subcategory, trait, TraitRules.key(trait),
                    Math.min(item.confidence(), CEILING), item.supportingText().strip()), from));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
