/**
 * The user's profile: insights (preferences, interests, skills, relationships, dislikes) learned from their own chat
 * messages, each with the messages that evidence it ({@link dev.engram.profile.ProfileResource}). It owns the
 * {@code profile_insights} and {@code insight_evidence} tables. Others use {@link dev.engram.profile.ProfileInsights}:
 * {@code read} user statements ({@link dev.engram.profile.TraitRules}), then {@code record} the findings in their own
 * transaction; and {@code forgetConversation} before a conversation is deleted.
 */
package dev.engram.profile;
