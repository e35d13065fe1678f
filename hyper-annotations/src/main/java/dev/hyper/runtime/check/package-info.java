/**
 * Internal to Hyper: not an API; may change in any release.
 * The template fit check shared with the processor and run before every render: TemplateCheck, its
 * Problems and Suggest.
 */
package dev.hyper.runtime.check;
