package dev.engram.chat;

import dev.engram.extract.llm.ExtractionCalls;
import dev.engram.extract.llm.ModelAnswers;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Summaries written by an LLM behind any OpenAI-compatible endpoint ({@code engram.chat.summary-provider=openai}), the
 * one extraction uses ({@code engram.llm.*}), under the same fault tolerance and pace ({@link ExtractionCalls}). The
 * model gets the previous version, the conversation's context and the window's messages with their seqs, and answers
 * {@link SummaryAnswer}. Decisions and questions citing a seq outside the window are dropped; an answer without a
 * summary, or with one over {@value #MAX_SUMMARY} characters, is asked for again once with the problem spelled out,
 * then the window fails with it.
 */
@ApplicationScoped
class OpenAiSummarizer implements Summarizer {

    static final int MAX_SUMMARY = 1200;

    private final SummaryPrompt prompt;
    private final ModelAnswers answers;
    private final MeterRegistry metrics;

    OpenAiSummarizer(SummaryPrompt prompt, ModelAnswers answers, MeterRegistry metrics) {
        this.prompt = prompt;
        this.answers = answers;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public SummaryDraft summarize(SummaryInput input) {
        String previous = input.previous() == null ? null : input.previous().text();
        String context = input.context() == null || input.context().isEmpty() ? null : input.context().toString();
        String messages = input.window().stream().map(OpenAiSummarizer::line).collect(Collectors.joining("\n"));
        int from = input.window().isEmpty() ? 0 : input.window().get(0).seq();
        int to = input.window().isEmpty() ? 0 : input.window().get(input.window().size() - 1).seq();
        return answers.ask("summary", correction -> prompt.summarize(previous, context, messages, correction),
                answer -> {
                    String problem = problem(answer);
                    metrics.counter("engram.chat.summary_calls", "provider", name(), "outcome",
                            problem == null ? "ok" : "invalid_answer").increment();
                    return problem == null ? ModelAnswers.Checked.ok(draft(answer, from, to))
                            : ModelAnswers.Checked.invalid(problem);
                });
    }

    /** What is wrong with {@code answer}, or null when it can be used. */
    static String problem(SummaryAnswer answer) {
        if (answer.summary() == null || answer.summary().isBlank()) {
            return "summary is missing or empty";
        }
        if (answer.summary().strip().length() > MAX_SUMMARY) {
            return String.format(Locale.ROOT, "summary has %d characters; at most %d are allowed",
                    answer.summary().strip().length(), MAX_SUMMARY);
        }
        return null;
    }

    /** The answer as a version: blank items and items citing a seq outside {@code from..to} left out. */
    static SummaryDraft draft(SummaryAnswer answer, int from, int to) {
        List<String> topics = new ArrayList<>();
        if (answer.topics() != null) {
            answer.topics().stream().filter(t -> t != null && !t.isBlank()).map(String::strip).distinct()
                    .limit(SummaryDraft.MAX_TOPICS).forEach(topics::add);
        }
        List<SummaryDraft.Line> decisions = new ArrayList<>();
        if (answer.decisions() != null) {
            for (SummaryAnswer.Decision d : answer.decisions()) {
                if (d != null && d.text() != null && !d.text().isBlank() && inside(d.seq(), from, to)) {
                    decisions.add(new SummaryDraft.Line(d.text().strip(), d.seq()));
                }
            }
        }
        List<SummaryDraft.Question> questions = new ArrayList<>();
        if (answer.questions() != null) {
            for (SummaryAnswer.Question q : answer.questions()) {
                if (q != null && q.question() != null && !q.question().isBlank() && inside(q.seq(), from, to)) {
                    questions.add(new SummaryDraft.Question(q.question().strip(),
                            q.answer() == null || q.answer().isBlank() ? null : q.answer().strip(), q.seq()));
                }
            }
        }
        return new SummaryDraft(topics, decisions, questions, List.of(), answer.summary(), answer.title());
    }

    private static boolean inside(Integer seq, int from, int to) {
        return seq != null && seq >= from && seq <= to;
    }

    private static String line(ChatMessage m) {
        String who = switch (m.role()) {
            case "user" -> "USER";
            case "twin" -> "TWIN";
            default -> "SYSTEM";
        };
        return "[seq " + m.seq() + "][" + who + "]: " + (m.content() == null ? "(content purged)" : m.content());
    }

}
