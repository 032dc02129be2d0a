/**
 * Saved memories. It owns the {@code memories} table: every statement over it is in
 * {@link dev.engram.memory.MemoryRepository} (the entity {@link dev.engram.memory.Memory} stays in this package), whose
 * methods take the caller's pool or transaction connection. Routes: {@code /api/v1/memories} list, get, update,
 * delete, restore and {@code POST /api/v1/memories/search} ({@link dev.engram.memory.MemoryResource} over
 * {@link dev.engram.memory.MemoryService} and {@link dev.engram.memory.SearchService}), and
 * {@code /api/v1/admin/reembed} ({@link dev.engram.memory.ReembedResource}). Function: re-embedding on the schedule
 * ({@link dev.engram.memory.ReembedService}, stage {@code reembed}). Others may use
 * {@link dev.engram.memory.MemoryRepository} from review only (to save reviewed memories in review's transaction) and
 * {@link dev.engram.memory.SummaryMemories} (chat's summary memory). Search's short tier (chat messages) reaches chat
 * through {@link dev.engram.memory.MessageSearch}, which memory owns and chat implements.
 */
package dev.engram.memory;
