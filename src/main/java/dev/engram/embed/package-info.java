/**
 * Text to vectors. Others use {@link dev.engram.embed.ActiveEmbedder} (the configured {@link dev.engram.embed.Embedder}:
 * the local ONNX bge-small model or {@link dev.engram.embed.openai.OpenAiEmbedder}) and
 * {@link dev.engram.embed.Similarity} (cosine). It owns no table and no route; the dimension it is configured with is
 * the one the migrations give every {@code vector} column.
 */
package dev.engram.embed;
