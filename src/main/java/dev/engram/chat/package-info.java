/**
 * Chat ingestion: conversations and their messages ({@link dev.engram.chat.ConversationResource}), stored with gapless
 * seqs by {@link dev.engram.chat.MessageIntake} and scored by the chat stage ({@link dev.engram.chat.ChatStage}),
 * which sends the user messages worth it ({@link dev.engram.chat.MessageImportance}) to extraction as chunks of their
 * job. Every {@code engram.chat.summary-every} messages, on request and on archive, the
 * {@link dev.engram.chat.SummarizeStage} writes the next summary versions through a {@link dev.engram.chat.Summarizer}
 * and keeps the conversation's summary memory. It owns the {@code conversations}, {@code chat_messages} and
 * {@code conversation_summaries} tables. Each summarized window's user messages feed the profile
 * ({@link dev.engram.profile.ProfileInsights}).
 *
 * <p>Tables: {@code conversations} ({@link dev.engram.chat.ConversationRepository}), {@code chat_messages}
 * ({@link dev.engram.chat.ChatMessageRepository}), {@code conversation_summaries}
 * ({@link dev.engram.chat.ConversationSummaryRepository}) and {@code message_feedback}
 * ({@link dev.engram.chat.MessageFeedbackRepository}). Routes: {@code /api/v1/conversations…}
 * ({@link dev.engram.chat.ConversationResource}) and {@code /api/v1/messages/{id}/feedback}
 * ({@link dev.engram.chat.MessageFeedbackResource}). Functions: {@code chat} ({@link dev.engram.chat.ChatStage}, with
 * the {@link dev.engram.chat.SummarizeStage} and {@link dev.engram.chat.FeedbackStage} it dispatches to) and the
 * {@code chat-tiers} schedule ({@link dev.engram.chat.ChatTierStage}). It implements search's short tier
 * ({@link dev.engram.chat.ChatMessageSearch}, a {@link dev.engram.memory.MessageSearch}) and reads a stored message for
 * a bulk extraction item ({@link dev.engram.chat.ChatMessageLookup}, a {@link dev.engram.ingest.StoredMessages}).
 * Other features use nothing of it.
 */
package dev.engram.chat;
