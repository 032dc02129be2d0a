package dev.engram.extract.rules;

import java.util.Locale;
import java.util.Set;

/**
 * Word lists for telling people from other capitalised words, since the OpenNLP models on Maven Central include no
 * name finder. A capitalised word counts as a person when the document itself says so (speaker, "Owner: X",
 * "X will ...") or when it is a common first name; the list of non-names stops labels, months and metrics that sit
 * in subject position ("Revenue will ...", "Friday works") from passing as people.
 */
final class NameLexicon {

    private static final Set<String> FIRST_NAMES = words("aaron adam adrian ahmed aisha alan albert alex alexander "
            + "alice alicia amanda amir amy ana andrea andrew angela anna anne anthony arjun ashley ben benjamin beth "
            + "bill bob brandon brian bruce carla carlos carol catherine charles charlie chen chris christina "
            + "christopher claire daniel david diana diego dmitri elena elizabeth emily emma eric erik ethan eva "
            + "fatima frank gabriel george grace hannah harry helen henry ian isabel jack jacob james jane jason "
            + "javier jeff jennifer jessica jim joe john jonathan jose joseph josh julia julie justin karen kate "
            + "katie kevin kim laura lauren leo linda lisa liz lucas lucy luis maria mark martin mary matt matthew "
            + "max maya megan mei michael michelle mike mohammed nadia natalie nathan nick nicole nina noah olivia "
            + "omar oscar pablo patrick paul peter priya rachel raj ravi rebecca richard rob robert ryan sam samantha "
            + "sara sarah scott sean sophia sophie stephanie steve steven sue susan tanya thomas tim tom tony tyler "
            + "victor wei william yuki zoe "
            + "abdul abigail adriana agnes ahmad aidan akira alberto aleksandr alessandro alexandra alexei alexis "
            + "alfred alina alison allison amelia anders andre andrei andreas andres angelo anil anita anton "
            + "antonio anya arnaud arthur ashok astrid barbara beatriz benedikt bernard bjorn boris brad brenda "
            + "brett brittany bruno caleb camila carl carmen caroline cecilia cesar chandra chiara chloe christian "
            + "christine claudia clement colin connor craig cristina dan dana daniela darius darren dave dawid "
            + "deborah denis dennis derek devin dimitri dominik donald doug douglas dylan edward eduardo elias elif "
            + "eliza ellen emil emilia enrico erin ernesto esther eugene evan evelyn fabian fabio federico felipe "
            + "felix fernando filip fiona florian francesca francesco francis francisco franz fred frederic "
            + "frederick gabriela gareth gary gavin georg gerald gerhard gianluca gil giorgio giovanni giulia "
            + "gonzalo gordon graham greg gregory guillaume gunnar gustavo hamid hans harold harvey "
            + "hassan heather hector heinrich hiroshi hugo igor ilya imran ingrid irene isaac ivan jacqueline jake "
            + "jakub jamal jan janet janine jared jayden jean jenna jenny jeremy jerome jesse jill joan "
            + "joanna joao joel johan johannes jonas jordan jorge joshua juan judith julian juliana julien "
            + "jurgen kai kamal karim karl katarina kathryn kazuki keith kelly ken kenji kenneth khalid kieran kirk "
            + "klaus konstantin kristen kyle lars laszlo leah lee leon leonardo liam lorenzo louis lukas luca lucia "
            + "luke magnus manuel marc marcel marco marcus margaret marie marina mario marisa markus marta marvin "
            + "mateo mathias matthias maurice maximilian melissa mia miguel mikhail miriam mohamed "
            + "monica morgan muhammad naomi natasha neil nikolai niko nils noel nora norbert olga oliver oleg oskar "
            + "owen pascal patricia pavel pedro philip philipp pierre pietro piotr rafael ralph ramon randy raphael "
            + "raymond reza ricardo rick roberto rodrigo roger roman ronald rosa ross ruben rudolf rui ruth sabine "
            + "sakura salvatore samuel sandra santiago satoshi sebastian sebastien sergei sergio shane shawn "
            + "sharon shirley simon simone sofia sonia stefan stefano stella stephen stewart sunil sven "
            + "tamara taro teresa terry theo theresa thiago thierry timothy tobias todd tomas travis "
            + "trevor ulrich valentina valentin vanessa vera veronica vicente viktor vincent vivian vladimir walter "
            + "wendy werner wolfgang xavier yann yaroslav yasmin yosef yusuf yvonne zachary zhang");

    private static final Set<String> NON_NAMES = words("a about action actions agenda agreed all also an and "
            + "any april attendees august be both but by can cc ceo cfo coo cto customer customers date december "
            + "decided decision decisions deadline due each engineering everyone everybody february finance for "
            + "friday from growth he her here hi hey his how i if in it items its january july june legal let "
            + "marketing march may me meeting monday my next no nobody not note notes november october of ok okay "
            + "on or our ops owner please product q1 q2 q3 q4 re revenue sales saturday she so someone somebody "
            + "status subject sunday support team thanks that the their them then there these they this those "
            + "thursday to today todo tomorrow tuesday update us we wednesday what when where which who why will "
            + "with yes you your churn traffic usage costs cost budget pricing design ux ui qa hr it sprint "
            + "roadmap overall great good");

    private NameLexicon() {
    }

    private static Set<String> words(String list) {
        return Set.copyOf(java.util.Arrays.asList(list.split("\\s+")));
    }

    /** A common given name, case-insensitively. */
    static boolean isFirstName(String word) {
        return FIRST_NAMES.contains(word.toLowerCase(Locale.ROOT));
    }

    /** A capitalised word that is known not to be a person. */
    static boolean isNonName(String word) {
        return NON_NAMES.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether {@code word} is shaped like a name: Capitalised, letters, hyphens or apostrophes, no stop word. */
    static boolean nameShaped(String word) {
        return word.length() >= 2 && Character.isUpperCase(word.charAt(0)) && word.matches("\\p{L}[\\p{L}'\\-]*")
                && !isNonName(word) && !word.equals(word.toUpperCase(Locale.ROOT));
    }
}
