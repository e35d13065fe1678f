/**
 * Internal to Hyper: not an API; may change in any release.
 * The sjsonnet facade: JsonnetTemplate, loaded once and rendered per point, and jsonnet literals.
 */
package dev.hyper.runtime.jsonnet;
