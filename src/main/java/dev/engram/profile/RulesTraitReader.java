package dev.engram.profile;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Traits from first-person statements by {@link TraitRules}: offline, no key. */
@ApplicationScoped
class RulesTraitReader implements TraitReader {

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public List<Found> read(List<UserStatement> statements) {
        List<Found> out = new ArrayList<>();
        for (UserStatement s : statements) {
            for (ProfileTrait t : TraitRules.find(s.content())) {
                out.add(new Found(t, s));
            }
        }
        return out;
    }
}
