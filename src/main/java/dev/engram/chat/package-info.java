/**
 * Chat ingestion: conversations and their messages ({@link dev.engram.chat.ConversationResource}), stored with gapless
 * seqs by {@link dev.engram.chat.MessageIntake} and scored by the chat stage ({@link dev.engram.chat.ChatStage}),
 * which sends the user messages worth it ({@link dev.engram.chat.MessageImportance}) to extraction as chunks of their
 * job. Every {@code engram.chat.summary-every} messages, on request and on archive, the
 * {@link dev.engram.chat.SummarizeStage} writes the next summary versions through a {@link dev.engram.chat.Summarizer}
 * and keeps the conversation's summary memory. It owns the {@code conversations}, {@code chat_messages} and
 * {@code conversation_summaries} tables. Each summarized window's user messages feed the profile
 * ({@link dev.engram.profile.ProfileInsights}).
 */
package dev.engram.chat;
