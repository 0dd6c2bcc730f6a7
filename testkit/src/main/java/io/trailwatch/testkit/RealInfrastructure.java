package io.trailwatch.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link TestInfrastructure} into test constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @ExtendWith(RealInfrastructure.class)
 * class AuditPipelineIT {
 *     @Test
 *     void storesEvents(TestInfrastructure infra) { ... }
 * }
 * }</pre>
 *
 * <p>The infrastructure starts before the class's first test, so a start failure fails the class once,
 * with its cause, rather than every test.
 */
public final class RealInfrastructure implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(final ExtensionContext context) {
        TestInfrastructure.get();
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestInfrastructure.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return TestInfrastructure.get();
    }
}
