package dev.stepwise.language.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomnessTest {

  @Test
  void uuidIsVersion4WithTheIetfVariant() {
    UUID uuid = SeededRandomness.fixed(-1L, 0.5).uuid();

    assertThat(uuid.version()).isEqualTo(4);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid).hasToString("ffffffff-ffff-4fff-bfff-ffffffffffff");
    assertThat(SeededRandomness.fixed(0L, 0.5).uuid())
        .hasToString("00000000-0000-4000-8000-000000000000");
  }

  @Test
  void sameSeedSameDraws() {
    Randomness a = SeededRandomness.seeded(7);
    Randomness b = SeededRandomness.seeded(7);

    assertThat(a.uuid()).isEqualTo(b.uuid());
    assertThat(a.nextDouble()).isEqualTo(b.nextDouble());
  }

  @Test
  void aScopeWithoutRandomnessFailsLoudly() {
    Scope scope =
        new Scope(NullNode.getInstance(), Variables.NONE, NullNode.getInstance(), null, null);

    assertThat(scope.randomness()).isSameAs(Randomness.UNAVAILABLE);
    assertThatThrownBy(() -> scope.randomness().uuid())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no Randomness was injected into this Scope");
  }

  @Test
  void derivedScopesKeepTheirRandomness() {
    Randomness randomness = SeededRandomness.seeded(1);
    Scope scope =
        new Scope(NullNode.getInstance(), Variables.NONE, NullNode.getInstance(), null, null)
            .withRandomness(randomness);

    assertThat(scope.withResult(NullNode.getInstance()).randomness()).isSameAs(randomness);
    assertThat(scope.withErrorOutput(NullNode.getInstance()).randomness()).isSameAs(randomness);
  }
}
