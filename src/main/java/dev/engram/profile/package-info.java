/**
 * The user's profile: insights (preferences, interests, skills, relationships, dislikes) learned from their own chat
 * messages, each with the messages that evidence it. Routes: {@code GET /api/v1/profile} and
 * {@code PATCH/DELETE /api/v1/profile/insights/{id}} ({@link dev.engram.profile.ProfileResource} over
 * {@link dev.engram.profile.ProfileService}). It owns the {@code profile_insights}
 * ({@link dev.engram.profile.ProfileInsightRepository}) and {@code insight_evidence}
 * ({@link dev.engram.profile.InsightEvidenceRepository}) tables, and no function. Others use {@link dev.engram.profile.ProfileInsights}:
 * {@code read} user statements ({@link dev.engram.profile.TraitRules}), then {@code record} the findings in their own
 * transaction (taking the graph's lock first with {@code hold} when they lock rows of their own before); and
 * {@code forgetConversation} before a conversation is deleted. Each insight is a fact of the user's knowledge graph,
 * kept in step through the graph's {@link dev.engram.graph.SelfFacts}; admin's graph rebuild backfills those facts
 * ({@code owners}, {@code stateInGraph}).
 */
package dev.engram.profile;
