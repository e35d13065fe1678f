/**
 * Internal to Hyper: not an API; may change in any release.
 * The sjsonnet facade: JsonnetTemplate, loaded once and rendered per point; jsonnet literals and which
 * longs a jsonnet number carries (JsonnetLiterals); the rule that arguments fit a template's function
 * (TemplateFit).
 */
package dev.hyper.runtime.jsonnet;
