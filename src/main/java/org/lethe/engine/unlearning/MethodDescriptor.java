package org.lethe.engine.unlearning;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lethe.engine.job.JobContext;
import org.lethe.engine.model.TrainedModel;

/**
 * One entry of the {@link MethodRegistry}: a method with its stable id, the text the GUI shows,
 * its parameter record and defaults, and the data it needs.
 *
 * @param id stable id used by scripts and scenario files (e.g. {@code salun})
 * @param displayName e.g. "SalUn"
 * @param description one paragraph for the GUI
 * @param paramsType the parameter record's class
 * @param defaults validated defaults
 * @param needs what data the method needs
 * @param method the implementation
 * @param <P> the parameter record
 */
public record MethodDescriptor<P extends Record>(String id, String displayName, String description,
        Class<P> paramsType, P defaults, DataNeeds needs, UnlearningMethod<P> method) {

    public MethodDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(paramsType, "paramsType");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(method, "method");
    }

    /** A parameter as forms and {@code lethe methods} show it. */
    public record ParamInfo(String name, Class<?> type, Object defaultValue, String description, double min,
            double max) { }

    /** The parameters in declaration order, with defaults, descriptions and ranges. */
    public List<ParamInfo> params() {
        List<ParamInfo> infos = new ArrayList<>();
        for (RecordComponent c : paramsType.getRecordComponents()) {
            Param p = c.getAnnotation(Param.class);
            Object value;
            try {
                value = c.getAccessor().invoke(defaults);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read default " + c.getName() + " of " + id, e);
            }
            infos.add(new ParamInfo(c.getName(), c.getType(), value, p == null ? "" : p.value(),
                    p == null ? Double.NEGATIVE_INFINITY : p.min(), p == null ? Double.POSITIVE_INFINITY : p.max()));
        }
        return infos;
    }

    /**
     * Runs the method after checking that its data needs are met.
     *
     * @throws MethodParamException if {@code params} is not this method's record, or the retain set
     *     is needed but withheld
     */
    public UnlearningResult run(TrainedModel original, DataSplits splits, Record params, JobContext ctx) {
        if (!paramsType.isInstance(params)) {
            throw new MethodParamException(id + ": parameters of type " + params.getClass().getSimpleName()
                    + " given, expected " + paramsType.getSimpleName());
        }
        if (needs == DataNeeds.RETAIN_REQUIRED && !splits.retainAvailable()) {
            throw new MethodParamException(id + " (" + displayName + ") needs the retain set, but it was withheld "
                    + "(--no-retrain-data); pick a method that works on the forget set alone");
        }
        return method.unlearn(original, splits, paramsType.cast(params), ctx);
    }
}
