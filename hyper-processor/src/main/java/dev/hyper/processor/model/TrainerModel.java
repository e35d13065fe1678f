package dev.hyper.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * The {@code @Sweep(trainer)} class, with the facts validation needs.
 *
 * @param type the class
 * @param display its simple name(s), e.g. {@code RnnTrainer}
 * @param isClass whether it is a class (not an interface, enum, record...)
 * @param isAbstract whether it is abstract
 * @param isAccessible whether it and every enclosing class are public
 * @param isInnerClass whether it is a non-static nested class
 * @param hasPublicNoArgConstructor whether {@code new T()} compiles from another package
 * @param implementsTrainerForRecord whether it is a {@code Trainer<P>} for exactly the record {@code P}
 * @param trainerTypeArgument how it implements {@code Trainer}, e.g. {@code Trainer<OtherParams>}; "" when not at all
 * @param origin the {@code trainer} attribute
 */
public record TrainerModel(
    ClassName type,
    String display,
    boolean isClass,
    boolean isAbstract,
    boolean isAccessible,
    boolean isInnerClass,
    boolean hasPublicNoArgConstructor,
    boolean implementsTrainerForRecord,
    String trainerTypeArgument,
    Origin origin) {}
