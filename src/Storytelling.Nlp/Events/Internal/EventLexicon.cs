using System.Collections.Frozen;

namespace Storytelling.Nlp.Events.Internal;

/// <summary>
/// The word lists the extractor reads, written for this project: trigger lemmas per event type (verbs and nouns),
/// verbs that never trigger, reporting and intention verbs, modal auxiliaries, locative prepositions and animate
/// nouns. Every set compares ordinal-ignore-case so the tagger's lemmas are looked up as they are, without copies.
/// </summary>
internal static class EventLexicon
{
    private static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>Verb lemmas per event type; a content verb not listed is an event of type <see cref="EventType.Other"/>.</summary>
    public static readonly FrozenDictionary<string, EventType> Verbs = Typed(
        (EventType.ConflictAttack,
            "attack assault bomb shoot shell strike raid invade bombard ambush stab hijack kidnap abduct fight clash battle "
            + "besiege storm rob loot burn torch vandalize vandalise terrorize threaten target gun blast riot protest "
            + "demonstrate rampage hit punch beat firebomb detonate"),
        (EventType.Disaster,
            "erupt flood collapse crash derail capsize sink quake tremble devastate ravage engulf explode"),
        (EventType.DeathInjury,
            "die kill murder slay assassinate injure wound hurt drown perish suffocate strangle poison maim bleed "
            + "overdose euthanize sicken hospitalize tear break sprain fracture"),
        (EventType.ArrestJustice,
            "arrest detain charge indict convict sentence jail imprison try sue acquit plead appeal extradite parole "
            + "pardon prosecute investigate probe accuse testify execute apprehend capture book fine prosecute "
            + "convict handcuff release free bail subpoena rule overturn confess"),
        (EventType.MovementTransport,
            "go come travel arrive leave depart return move flee escape evacuate enter visit fly drive sail land "
            + "deploy send transport ship head migrate cross withdraw emigrate immigrate relocate walk run check "
            + "board smuggle carry tow airlift rescue"),
        (EventType.Transaction,
            "buy sell acquire purchase pay sale merge invest donate fund lend loan borrow bid trade auction spend "
            + "finance sponsor bankroll raise owe refund"),
        (EventType.PersonnelChange,
            "resign retire hire appoint elect nominate dismiss sack replace succeed quit oust inaugurate recruit employ "
            + "promote demote name reappoint reelect re-elect axe depose impeach unseat install sign lay"),
        (EventType.MeetingContact,
            "meet talk negotiate discuss phone call gather convene consult email telephone contact host welcome "
            + "greet interview confer"),
        (EventType.Statement,
            "say tell report announce state declare claim confirm deny add insist explain comment note warn admit "
            + "allege reveal describe ask reply respond suggest urge argue write tweet post disclose acknowledge "
            + "stress predict promise vow pledge condemn criticize criticise praise blame thank "
            + "apologize apologise reiterate quote recount recall accord"));

    /// <summary>Event noun lemmas per type: nouns that name an event ("the attack", "earthquake", "election").</summary>
    public static readonly FrozenDictionary<string, EventType> Nouns = Typed(
        (EventType.ConflictAttack,
            "attack assault bombing shooting shot shootout gunfire raid invasion ambush stabbing hijacking kidnapping "
            + "abduction fight fighting clash battle war warfare siege robbery heist burglary theft looting arson "
            + "vandalism terrorism airstrike strike offensive insurgency riot rioting protest demonstration rampage "
            + "massacre violence conflict combat hostility uprising rebellion coup blast explosion shelling gunfight "
            + "beating carjacking hostage standoff"),
        (EventType.Disaster,
            "earthquake quake tremor aftershock tsunami flood flooding hurricane storm tornado cyclone typhoon "
            + "wildfire fire blaze eruption landslide mudslide avalanche drought famine epidemic pandemic outbreak "
            + "crash collision accident derailment disaster catastrophe collapse blackout spill leak wreck unrest"),
        (EventType.DeathInjury,
            "death killing murder homicide assassination injury casualty fatality suicide overdose drowning "
            + "wound fracture concussion sprain tear manslaughter damage treatment operation surgery coma"),
        (EventType.ArrestJustice,
            "arrest detention charge indictment conviction sentence sentencing trial lawsuit suit acquittal plea "
            + "appeal extradition pardon prosecution investigation probe accusation testimony execution "
            + "custody verdict ruling hearing capture fine bail allegation case inquiry inquest crime piracy "
            + "review probation"),
        (EventType.MovementTransport,
            "trip travel journey arrival departure return move escape evacuation visit flight voyage tour "
            + "deployment withdrawal migration exodus rescue transfer stay chase pursuit patrol exit stint"),
        (EventType.Transaction,
            "purchase sale deal acquisition merger investment donation payment loan bid trade auction "
            + "takeover buyout transaction offer bankruptcy cut spending"),
        (EventType.PersonnelChange,
            "resignation retirement appointment election nomination dismissal firing replacement succession "
            + "ouster inauguration promotion hiring layoff reelection re-election impeachment signing"),
        (EventType.MeetingContact,
            "meeting talk summit negotiation conference interview call discussion session gathering rally "
            + "ceremony reunion vigil funeral wedding"),
        (EventType.Statement,
            "statement announcement speech remark comment claim declaration denial warning admission "
            + "confirmation press apology criticism"),
        (EventType.Other,
            "party concert festival show performance premiere broadcast match game race bout round tournament "
            + "championship final victory win defeat campaign attempt decision change help"));

    /// <summary>Adjectives that state the result of an event ("two dead", "was injured" tagged as an adjective).</summary>
    public static readonly FrozenDictionary<string, EventType> StateAdjectives = Typed(
        (EventType.DeathInjury, "dead injured wounded hurt killed"),
        (EventType.ArrestJustice, "guilty arrested"),
        (EventType.Other, "missing"));

    /// <summary>Verbs that carry no event of their own (copulas, auxiliaries, light and aspectual verbs).</summary>
    public static readonly FrozenSet<string> NonEventVerbs = Set(
        "be have do get seem become let include mean remain keep tend");

    /// <summary>Reporting verbs: an event in their clausal complement is <see cref="EventModality.Reported"/>.</summary>
    public static readonly FrozenSet<string> ReportingVerbs = Set(
        "say tell report announce state declare claim confirm deny add insist explain comment note warn admit allege "
        + "reveal write tweet post disclose acknowledge believe suspect think indicate show suggest testify");

    /// <summary>Verbs and nouns of intention whose complement is not (yet) real: "plans to visit", "threatened to strike", "a bid to buy".</summary>
    public static readonly FrozenSet<string> IntentionVerbs = Set(
        "plan want threaten hope expect intend wish aim seek try attempt propose vow promise pledge prepare decide "
        + "agree offer refuse consider need mean plan threat attempt bid effort intention decision push call");

    /// <summary>Modal auxiliaries that make an event hypothetical ("could attack", "will meet").</summary>
    public static readonly FrozenSet<string> Modals = Set("could would may might should will shall can must wo 'll ca");

    /// <summary>Subordinators that make their clause conditional.</summary>
    public static readonly FrozenSet<string> Conditionals = Set("if unless whether");

    /// <summary>Negating adverbs and determiners.</summary>
    public static readonly FrozenSet<string> Negations = Set("not n't never no none neither nor without");

    /// <summary>Prepositions that make an oblique a place ("in Kabul", "near the border").</summary>
    public static readonly FrozenSet<string> Locative = Set(
        "in at near outside inside across throughout within around along beside behind beneath under off aboard onto");

    /// <summary>Prepositions that make an oblique a place for a movement ("to Paris", "from the airport").</summary>
    public static readonly FrozenSet<string> Directional = Set("to into from toward towards via through");

    /// <summary>Nouns that follow locative prepositions without naming a place ("at the age of", "in response").</summary>
    public static readonly FrozenSet<string> NonPlaces = Set(
        "age time moment rate point end beginning start level cost price speed way response part case effort order "
        + "addition connection relation light view charge custody condition state shape form process manner name "
        + "interest favor favour support place half amount number total term terms detail fact life");

    /// <summary>Capitalized words that make a capitalized -ing word before them part of a title or name ("Housing Minister", "Building Authority").</summary>
    public static readonly FrozenSet<string> TitleHeads = Set(
        "minister ministry secretary director commissioner commission chief officer authority committee department board "
        + "agency council association corporation company group bank office manager professor editor society institute");

    /// <summary>Common nouns and pronouns that denote people or groups (patients rather than themes).</summary>
    public static readonly FrozenSet<string> Animate = Set(
        "i me you he him she her we us they them who whom someone somebody anyone anybody everyone everybody nobody "
        + "man men woman women person people child children boy girl baby victim suspect officer police policeman "
        + "soldier troops civilian student teacher worker employee staff driver passenger pilot resident citizen "
        + "official president minister leader member player coach manager executive director actor actress star "
        + "singer fan family father mother son daughter husband wife brother sister friend teen teenager gunman "
        + "attacker robber thief prisoner inmate hostage patient doctor nurse lawyer judge crew climber tourist "
        + "journalist reporter militant rebel fighter pirate spokesman spokeswoman representative agent guard "
        + "customer owner mayor governor senator candidate winner team company firm government army navy");

    /// <summary>Verbs whose subject (rather than object) names the disaster ("an earthquake struck").</summary>
    public static readonly FrozenSet<string> ImpactVerbs = Set("strike hit rock ravage devastate sweep shake jolt batter");

    /// <summary>Verb + particle pairs whose type differs from the verb's own.</summary>
    public static readonly FrozenDictionary<string, (string Particle, EventType Type)[]> Particles =
        new Dictionary<string, (string, EventType)[]>(Comparer)
        {
            ["step"] = [("down", EventType.PersonnelChange), ("aside", EventType.PersonnelChange)],
            ["lay"] = [("off", EventType.PersonnelChange)],
            ["take"] = [("over", EventType.Transaction), ("off", EventType.MovementTransport)],
            ["blow"] = [("up", EventType.ConflictAttack)],
            ["set"] = [("off", EventType.ConflictAttack)],
            ["break"] = [("out", EventType.Disaster), ("in", EventType.ConflictAttack)],
            ["turn"] = [("in", EventType.ArrestJustice)],
            ["check"] = [("in", EventType.MovementTransport), ("out", EventType.MovementTransport)],
            ["pass"] = [("away", EventType.DeathInjury)],
            ["shut"] = [("down", EventType.Other)],
            ["sign"] = [("up", EventType.PersonnelChange)],
            ["open"] = [("fire", EventType.ConflictAttack)],
        }.ToFrozenDictionary(Comparer);

    public static FrozenDictionary<string, EventType>.AlternateLookup<ReadOnlySpan<char>> NounSpans { get; } =
        Nouns.GetAlternateLookup<ReadOnlySpan<char>>();

    public static FrozenDictionary<string, EventType>.AlternateLookup<ReadOnlySpan<char>> VerbSpans { get; } =
        Verbs.GetAlternateLookup<ReadOnlySpan<char>>();

    public static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ModalSpans { get; } = Modals.GetAlternateLookup<ReadOnlySpan<char>>();

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(Comparer);

    private static FrozenDictionary<string, EventType> Typed(params (EventType Type, string Words)[] lists)
    {
        var map = new Dictionary<string, EventType>(Comparer);
        foreach (var (type, words) in lists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                map.TryAdd(word, type);
            }
        }

        return map.ToFrozenDictionary(Comparer);
    }
}
