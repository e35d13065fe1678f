package dev.hyper.runtime;

/** A rendered experiment config, parsed. */
public interface JsonConfig {
}
