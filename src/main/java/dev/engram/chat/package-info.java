/**
 * Chat ingestion: what a conversation's messages are worth and what users say about themselves. Today it offers the
 * offline pieces the chat stage is built on: {@link dev.engram.chat.MessageImportance} (which user messages to
 * extract memories from) and {@link dev.engram.chat.TraitRules} (profile traits from first-person statements, each
 * with the sentence that supports it).
 */
package dev.engram.chat;
