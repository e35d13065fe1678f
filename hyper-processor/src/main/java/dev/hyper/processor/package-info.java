/** The Hyper annotation processor: read @Sweep records, model, validate, generate. */
package dev.hyper.processor;
