/**
 * Operating the dead-letter queues and the knowledge graph's backlog. Routes: {@code POST /api/v1/admin/graph/rebuild}
 * and {@code GET /api/v1/admin/graph/stats} ({@link dev.engram.admin.GraphAdminResource} over
 * {@link dev.engram.admin.GraphAdminService}, which uses {@link dev.engram.graph.GraphRebuild},
 * {@link dev.engram.graph.GraphBacklog} and, for the profile insights' facts,
 * {@link dev.engram.profile.ProfileInsights}), {@code GET /api/v1/admin/dlq} and
 * {@code POST /api/v1/admin/dlq/{queue}/redrive} ({@link dev.engram.admin.DeadLetterResource}, admins only, over
 * {@link dev.engram.admin.DeadLetterService}). Function: the {@code dlq-sweep} schedule
 * ({@link dev.engram.admin.DeadLetterSweeper}), which records each dead chunk's failure on its job
 * ({@link dev.engram.progress.ChunkLedger}), redrives transient failures with a growing delay and publishes the rest
 * once to the alarm topic ({@link dev.engram.admin.Escalations}); a graph dead letter's work row holds its reason, is
 * reopened before a retry and marked failed for good ({@link dev.engram.graph.GraphBacklog}). It owns no table; dead letters it has seen are kept
 * through {@link dev.engram.progress.DeadLetterLedger}. Other features use nothing of it.
 */
package dev.engram.admin;
