package org.lethe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.reliability.Mutator.IntField;
import org.lethe.reliability.Mutator.Layout;
import org.lethe.reliability.Mutator.Mutation;

/** The fuzzer's own building blocks: reproducible, and each mutation does what it says. */
class MutatorTest {

    private static final byte[] DATA = new byte[64];

    static {
        for (int i = 0; i < DATA.length; i++) {
            DATA[i] = (byte) i;
        }
    }

    private static final Layout LAYOUT = new Layout(List.of(4, 8, 16), 16, 4,
            List.of(IntField.be32("count", 4), IntField.le32("size", 8)));

    @Test
    void theSameSeedGivesTheSameMutations() {
        List<Mutation> a = new Mutator(5).standardMutations("f", DATA, LAYOUT, 5, 5, 2);
        List<Mutation> b = new Mutator(5).standardMutations("f", DATA, LAYOUT, 5, 5, 2);
        List<Mutation> c = new Mutator(6).standardMutations("f", DATA, LAYOUT, 5, 5, 2);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).description()).isEqualTo(b.get(i).description());
            assertThat(a.get(i).bytes()).isEqualTo(b.get(i).bytes());
        }
        assertThat(c.stream().map(Mutation::description).toList())
                .isNotEqualTo(a.stream().map(Mutation::description).toList());
    }

    @Test
    void everyStandardMutationChangesTheBytes() {
        List<Mutation> all = new Mutator(1).standardMutations("f", DATA, LAYOUT, 5, 8, 3);
        assertThat(all).allSatisfy(m -> assertThat(m.bytes()).as(m.description()).isNotEqualTo(DATA));
        // truncation at every boundary, one byte either side
        for (int cut : new int[] {3, 4, 5, 7, 8, 9, 15, 16, 17}) {
            assertThat(all).anySatisfy(m -> assertThat(m.bytes()).hasSize(cut));
        }
        assertThat(all).anySatisfy(m -> assertThat(m.description()).contains("count at offset 4 set to 2147483647"));
        assertThat(all).anySatisfy(m -> assertThat(m.description()).contains("size at offset 8 set to -1"));
        assertThat(all).anySatisfy(m -> assertThat(m.description()).contains("magic number zeroed"));
        assertThat(all).anySatisfy(m -> assertThat(m.bytes().length).isGreaterThan(DATA.length));
    }

    @Test
    void singleMutationsDoWhatTheySay() {
        assertThat(Mutator.truncate(DATA, 3)).containsExactly(0, 1, 2);
        assertThat(Mutator.flipBit(DATA, 9)[1]).isEqualTo((byte) 3);
        byte[] be = Mutator.putInt(DATA, IntField.be32("x", 0), 0x01020304);
        assertThat(new byte[] {be[0], be[1], be[2], be[3]}).containsExactly(1, 2, 3, 4);
        byte[] le = Mutator.putInt(DATA, IntField.le32("x", 0), 0x01020304);
        assertThat(new byte[] {le[0], le[1], le[2], le[3]}).containsExactly(4, 3, 2, 1);
        assertThat(Mutator.getInt(le, IntField.le32("x", 0))).isEqualTo(0x01020304);
        assertThat(Mutator.append(DATA, new byte[] {9})).hasSize(65).endsWith((byte) 9);
        assertThat(DATA[1]).as("inputs are never modified").isEqualTo((byte) 1);
    }
}
