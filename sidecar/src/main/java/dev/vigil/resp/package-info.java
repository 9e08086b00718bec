/**
 * RESP wire layer: reply values ({@link dev.vigil.resp.RespValue}), the per-connection RESP2/RESP3
 * reply encoder, and the request decoder (multibulk and inline, with Valkey's limits and exact
 * protocol-error texts). Nothing here knows about commands.
 */
package dev.vigil.resp;
