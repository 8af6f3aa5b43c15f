package org.lethe.engine.unlearning;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a component of a method's parameter record for forms and {@code lethe methods}: what it
 * means and its valid range (the record's compact constructor enforces the same range).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Param {

    /** One sentence for people. */
    String value();

    /** Smallest valid value (numbers only). */
    double min() default Double.NEGATIVE_INFINITY;

    /** Largest valid value (numbers only). */
    double max() default Double.POSITIVE_INFINITY;
}
