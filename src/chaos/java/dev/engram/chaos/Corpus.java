package dev.engram.chaos;

import java.util.List;

/**
 * Meeting notes for the chaos load: each document names its user and number, so no two jobs share a memory, and has
 * as many sections as asked (about one chunk each at the run's chunk size).
 */
final class Corpus {

    private static final List<String> PEOPLE = List.of("Sarah", "John", "Priya", "Mateo", "Aiko", "Olu", "Lena");
    private static final List<String> TOPICS = List.of("the billing migration", "the European launch",
            "the onboarding survey", "the search latency work", "the partner API", "the Q3 hiring plan",
            "the data retention policy", "the mobile release");

    private Corpus() {
    }

    static String notes(String user, int number, int sections) {
        StringBuilder out = new StringBuilder("# Weekly sync ").append(user).append(" no. ").append(number)
                .append("\n\nAttendees: ").append(String.join(", ", PEOPLE.subList(0, 3))).append("\n\n");
        for (int s = 0; s < sections; s++) {
            String who = PEOPLE.get((number + s) % PEOPLE.size());
            String topic = TOPICS.get((number * 3 + s) % TOPICS.size());
            int day = 1 + (number + s) % 27;
            out.append("## ").append(topic).append(" (").append(user).append('/').append(number).append('/')
                    .append(s).append(")\n\n")
                    .append("We reviewed ").append(topic).append(" for batch ").append(number).append('-').append(s)
                    .append(". Revenue from the pilot group was up ").append(5 + (number + s) % 20)
                    .append("% compared to last quarter, and support tickets dropped by ").append(3 + s)
                    .append(" per week. The team decided to keep the current vendor until the contract review in ")
                    .append("Q").append(1 + (number + s) % 4).append(", since switching now would delay the rollout.")
                    .append(" Action item: ").append(who).append(" to prepare the rollout checklist for ")
                    .append(topic).append(" by March ").append(day).append(", 2025. ")
                    .append(PEOPLE.get((number + s + 1) % PEOPLE.size()))
                    .append(" will follow up with finance on the budget numbers and report back next week. ")
                    .append("Open question from ").append(user).append(": whether the legal review covers the ")
                    .append("new regions, which nobody could answer in the meeting.\n\n");
        }
        return out.toString();
    }
}
