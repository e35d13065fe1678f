/**
 * Internal to Hyper: not an API; may change in any release.
 * The template fit checks shared with the processor: TemplateCheck, its Problems and Suggest.
 */
package dev.hyper.runtime.check;
