package io.lime.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code java.net.URI} or {@code String} field (or {@code String} parameter) of a
 * {@link LimeTest} class that receives the server's address as {@code redis://127.0.0.1:PORT}.
 * A parameter of type {@code URI} receives it without this annotation.
 *
 * <p>The URI carries no password even when {@code requirepass} is configured.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface LimeUri {}
