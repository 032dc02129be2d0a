/**
 * What a request may fail with, in the domain's words: {@link dev.engram.platform.errors.NotFound},
 * {@link dev.engram.platform.errors.Conflict}, {@link dev.engram.platform.errors.Invalid} and the rest of
 * {@link dev.engram.platform.errors.DomainException}'s kinds. Services, stages and resources throw them; they carry no
 * HTTP status. The web edge ({@code dev.engram.platform.web.ProblemMappers}) alone decides how each is answered.
 */
package dev.engram.platform.errors;
