/**
 * Chat ingestion: conversations and their messages ({@link dev.engram.chat.ConversationResource}), stored with gapless
 * seqs by {@link dev.engram.chat.MessageIntake} and scored by the chat stage ({@link dev.engram.chat.ChatStage}),
 * which sends the user messages worth it ({@link dev.engram.chat.MessageImportance}) to extraction as chunks of their
 * job. It owns the {@code conversations} and {@code chat_messages} tables. {@link dev.engram.chat.TraitRules} reads
 * profile traits from first-person statements, each with the sentence that supports it, for the profile to come.
 */
package dev.engram.chat;
