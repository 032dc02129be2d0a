package dev.engram.extract.llm;

import dev.langchain4j.model.output.structured.Description;
import java.util.List;

/**
 * One memory as the model writes it (the JSON schema of the structured output). Field names are single words, so
 * they read the same under any JSON naming strategy; absent details are null.
 */
public record ExtractedItem(
        @Description("the memory as one short self-contained sentence") String content,
        @Description("one of the requested memory types") String type,
        @Description("confidence between 0 and 1") Double confidence,
        @Description("task: who does it") String assignee,
        @Description("task: due date as YYYY-MM-DD") String deadline,
        @Description("decision: who leads it") String lead,
        @Description("decision: when, e.g. Q2 or 2024-03") String timeline,
        @Description("insight: the measured quantity, e.g. revenue") String metric,
        @Description("insight: the change, e.g. +15%") String change,
        @Description("insight: the value, if no change is stated") String value,
        @Description("people involved") List<String> people,
        @Description("contact: the person's name") String name,
        @Description("contact: role or title") String role,
        @Description("contact: organization") String organization,
        @Description("contact: e-mail addresses") List<String> emails,
        @Description("contact: phone number") String phone,
        @Description("date: the date as YYYY-MM-DD") String date,
        @Description("date: what happens on that date") String event,
        @Description("topic: the topic in a few words") String topic,
        @Description("sentiment: positive, negative or mixed") String sentiment,
        @Description("a few lower-case tags") List<String> tags,
        @Description("the exact words of the text this memory comes from") String evidence) {
}
