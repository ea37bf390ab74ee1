using Storytelling.Nlp.Events;
using Storytelling.Nlp.Models;
using Storytelling.Nlp.Pipeline;
using Storytelling.Nlp.Time;

namespace Storytelling.Nlp.Tests.Events;

public sealed class EventExtractorTests
{
    private static readonly DateTimeOffset Friday = new(2024, 3, 8, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<NlpPipeline> Pipeline = new(() => NlpPipeline.Create(
        ["tokenizer", "sentences", "tagger", "lemmatizer", "entity_recognizer", "parser", "time_expressions", EventExtractor.ComponentName],
        NlpComponentRegistry.CreateDefault(),
        new ModelStore(TestData.ModelsDirectory())));

    public static TheoryData<string, string, EventType, bool> Triggers => new()
    {
        { "Rebels attacked the army base in Kandahar on Monday.", "attacked", EventType.ConflictAttack, false },
        { "The attack on the embassy killed three guards.", "attack", EventType.ConflictAttack, true },
        { "The attack on the embassy killed three guards.", "killed", EventType.DeathInjury, false },
        { "Gunmen opened fire on a crowded market in Baghdad.", "opened", EventType.ConflictAttack, false },
        { "The bombing destroyed the police station.", "bombing", EventType.ConflictAttack, true },
        { "Troops invaded the northern province last year.", "invaded", EventType.ConflictAttack, false },
        { "The shooting happened outside a nightclub.", "shooting", EventType.ConflictAttack, true },
        { "Police investigated the robbery.", "robbery", EventType.ConflictAttack, true },
        { "A powerful earthquake struck eastern Iran on Friday.", "earthquake", EventType.Disaster, true },
        { "A powerful earthquake struck eastern Iran on Friday.", "struck", EventType.Disaster, false },
        { "A tsunami hit the coast after the earthquake.", "hit", EventType.Disaster, false },
        { "The volcano erupted on Sunday.", "erupted", EventType.Disaster, false },
        { "The plane crash left no survivors.", "crash", EventType.Disaster, true },
        { "Two firefighters were injured in the blaze.", "blaze", EventType.Disaster, true },
        { "The singer died at the age of 85.", "died", EventType.DeathInjury, false },
        { "Two firefighters were injured in the blaze.", "injured", EventType.DeathInjury, false },
        { "The earthquake killed more than 40,000 people.", "killed", EventType.DeathInjury, false },
        { "Police arrested the suspect in Chicago yesterday.", "arrested", EventType.ArrestJustice, false },
        { "A jury convicted the former mayor of fraud.", "convicted", EventType.ArrestJustice, false },
        { "The judge sentenced him to life in prison.", "sentenced", EventType.ArrestJustice, false },
        { "Prosecutors charged the driver with manslaughter.", "charged", EventType.ArrestJustice, false },
        { "The suspect was extradited to the United States.", "extradited", EventType.ArrestJustice, false },
        { "Tara Reid checked into rehab in Malibu.", "checked", EventType.MovementTransport, false },
        { "The president flew to Tokyo for the summit.", "flew", EventType.MovementTransport, false },
        { "Thousands of refugees fled the fighting.", "fled", EventType.MovementTransport, false },
        { "Thousands of refugees fled the fighting.", "fighting", EventType.ConflictAttack, true },
        { "Microsoft acquired the startup for $2 billion.", "acquired", EventType.Transaction, false },
        { "The investor sold his shares in the company.", "sold", EventType.Transaction, false },
        { "The company's chief executive resigned on Tuesday.", "resigned", EventType.PersonnelChange, false },
        { "The board appointed a new chief executive.", "appointed", EventType.PersonnelChange, false },
        { "The coach was fired after the season.", "fired", EventType.PersonnelChange, false },
        { "Voters elected a new parliament in the election.", "election", EventType.PersonnelChange, true },
        { "The presidents met in Geneva to discuss the crisis.", "met", EventType.MeetingContact, false },
        { "The president flew to Tokyo for the summit.", "summit", EventType.MeetingContact, true },
        { "The two leaders held talks in Moscow.", "talks", EventType.MeetingContact, true },
        { "The spokesman announced the decision on Thursday.", "announced", EventType.Statement, false },
        { "She denied the allegations.", "denied", EventType.Statement, false },
        { "The bombing destroyed the police station.", "destroyed", EventType.Other, false },
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public void A_trigger_is_found_with_its_type_and_form(string sentence, string trigger, EventType type, bool nominal)
    {
        var document = Analyze(sentence);
        var mention = Event(document, trigger);
        Assert.Equal((type, nominal), (mention.Type, mention.IsNominal));
        Assert.Equal(trigger, document.Text[mention.TriggerStart..mention.TriggerEnd]);
        Assert.Equal(trigger, document.TokenString(mention.TriggerToken));
        Assert.InRange(mention.Confidence, 0.5f, 1f);
    }

    [Theory]
    [InlineData("He has been a teacher and is happy.")]
    [InlineData("The talks were productive.")]
    [InlineData("She has a house in Paris.")]
    [InlineData("It seems that the roads are quiet.")]
    public void Auxiliaries_copulas_and_light_verbs_trigger_nothing(string sentence)
    {
        var document = Analyze(sentence);
        Assert.DoesNotContain(document.Events, e => e.Lemma is "be" or "have" or "seem");
        Assert.All(document.Events, e => Assert.NotEqual("AUX", document.Upos[e.TriggerToken]));
    }

    [Fact]
    public void Active_verb_has_subject_as_agent_object_as_theme_and_located_time_and_place()
    {
        var document = Analyze("Rebels attacked the army base in Kandahar on Monday.");
        var attack = Event(document, "attacked");
        AssertArgument(document, attack.Agent, "Rebels");
        AssertArgument(document, attack.Theme, "the army base in Kandahar");
        Assert.Null(attack.Patient);
        var place = Assert.Single(attack.Places);
        AssertArgument(document, place, "Kandahar");
        Assert.Equal("LOC", place.EntityType);
        Assert.Equal("Kandahar", document.Text[document.Entities[place.EntityIndex].Start..document.Entities[place.EntityIndex].End]);
        Assert.NotNull(attack.When);
        Assert.Equal(("Monday", "2024-03-04", false), (attack.When.Text, attack.When.Value, attack.When.IsDocumentDateFallback));
        Assert.Equal(document.TimeExpressions[attack.When.ExpressionIndex].Start, attack.When.Start);
        Assert.Equal(EventModality.Asserted, attack.Modality);
    }

    [Fact]
    public void Passive_verb_takes_the_by_phrase_as_agent_and_the_subject_as_patient()
    {
        var document = Analyze("The attackers were arrested by police on Monday.");
        var arrest = Event(document, "arrested");
        AssertArgument(document, arrest.Agent, "police");
        AssertArgument(document, arrest.Patient, "The attackers");
        Assert.Equal("Monday", arrest.When?.Text);
    }

    [Fact]
    public void Person_object_is_a_patient_and_a_thing_object_is_a_theme()
    {
        var document = Analyze("Police arrested the suspect in Chicago yesterday. Microsoft acquired the startup for $2 billion.");
        var arrest = Event(document, "arrested");
        AssertArgument(document, arrest.Agent, "Police");
        AssertArgument(document, arrest.Patient, "the suspect");
        Assert.Null(arrest.Theme);
        AssertArgument(document, Assert.Single(arrest.Places), "Chicago");
        Assert.Equal("2024-03-07", arrest.When?.Value);

        var acquisition = Event(document, "acquired");
        AssertArgument(document, acquisition.Agent, "Microsoft");
        Assert.Equal("ORG", acquisition.Agent?.EntityType);
        Assert.Null(acquisition.Patient);
        Assert.NotNull(acquisition.Theme);
        Assert.StartsWith("the startup", acquisition.Theme.Text, StringComparison.Ordinal);
        Assert.Equal(1, Event(document, "acquired").Sentence);
    }

    [Fact]
    public void Nominal_trigger_takes_its_of_or_on_phrase_and_is_an_argument_of_the_verb()
    {
        var document = Analyze("The attack on the embassy killed three guards.");
        var attack = Event(document, "attack");
        AssertArgument(document, attack.Theme, "the embassy");
        var killing = Event(document, "killed");
        AssertArgument(document, killing.Agent, "The attack on the embassy");
        AssertArgument(document, killing.Patient, "three guards");
        Assert.Equal(attack.TriggerToken, killing.Agent?.HeadToken);
    }

    [Fact]
    public void Clausal_complement_of_a_statement_is_its_theme_and_the_events_inside_are_reported()
    {
        var document = Analyze("Officials said the suspect fled the country.");
        var said = Event(document, "said");
        AssertArgument(document, said.Agent, "Officials");
        AssertArgument(document, said.Theme, "the suspect fled the country");
        Assert.Equal(EventModality.Asserted, said.Modality);
        var fled = Event(document, "fled");
        Assert.Equal(EventModality.Reported, fled.Modality);
        AssertArgument(document, fled.Agent, "the suspect");
    }

    [Fact]
    public void An_event_attributed_with_according_to_is_reported()
    {
        var fled = Event(Analyze("According to the police, the gunman fled the scene."), "fled");
        Assert.Equal(EventModality.Reported, fled.Modality);
    }

    [Fact]
    public void Headline_capitals_tagged_as_proper_nouns_still_trigger()
    {
        var document = Analyze("Police Arrest Suspect In Bank Robbery");
        Assert.Equal(EventType.ConflictAttack, Event(document, "Robbery").Type);
        Assert.Equal(EventType.ArrestJustice, Event(document, "Arrest").Type);
    }

    [Theory]
    [InlineData("The police did not arrest anyone.", "arrest")]
    [InlineData("There were no arrests after the protest.", "arrests")]
    [InlineData("He never returned to his hometown.", "returned")]
    [InlineData("Police arrested no one after the riot.", "arrested")]
    public void Negated_events_are_flagged(string sentence, string trigger)
    {
        var mention = Event(Analyze(sentence), trigger);
        Assert.True(mention.IsNegated);
        Assert.False(mention.IsHypothetical);
    }

    [Theory]
    [InlineData("The rebels could attack the city.", "attack")]
    [InlineData("The bank might sell the building.", "sell")]
    [InlineData("The team will travel to Madrid next week.", "travel")]
    [InlineData("If the union strikes, the factory will close.", "strikes")]
    [InlineData("If the union strikes, the factory will close.", "close")]
    [InlineData("The minister wants to visit Paris.", "visit")]
    public void Hypothetical_events_are_flagged(string sentence, string trigger)
    {
        var mention = Event(Analyze(sentence), trigger);
        Assert.True(mention.IsHypothetical);
        Assert.False(mention.IsNegated);
    }

    [Fact]
    public void Asserted_past_events_carry_no_modality_flag()
    {
        var document = Analyze("The volcano erupted on Sunday. The minister visited Paris.");
        Assert.All(document.Events, e => Assert.Equal(EventModality.Asserted, e.Modality));
        Assert.Equal(2, document.Events.Count);
    }

    [Fact]
    public void Reported_future_event_is_both_reported_and_hypothetical()
    {
        var resume = Event(Analyze("The minister said the talks would resume next week."), "resume");
        Assert.Equal(EventModality.Reported | EventModality.Hypothetical, resume.Modality);
        Assert.Equal("2024-W11", resume.When?.Value);
    }

    [Fact]
    public void Without_a_time_expression_the_publication_date_is_used_and_flagged()
    {
        var document = Analyze("The embassy was attacked by gunmen.");
        var when = Event(document, "attacked").When;
        Assert.NotNull(when);
        Assert.True(when.IsDocumentDateFallback);
        Assert.Equal(("2024-03-08", -1, -1, -1), (when.Value, when.ExpressionIndex, when.Start, when.End));
        Assert.Equal(new DateTimeOffset(2024, 3, 8, 0, 0, 0, TimeSpan.Zero), when.Interval?.Begin);
        Assert.Equal(TimeSpan.FromDays(1), when.Interval?.Length);
        Assert.True(when.Confidence < 0.5f);
    }

    [Fact]
    public void A_relative_pronoun_is_never_the_agent_and_a_gerund_in_a_title_is_no_event()
    {
        var document = Analyze("Housing Minister Tomás Aranibar, who flew over the area by helicopter, said the government would release emergency funds.");
        var flew = Event(document, "flew");
        Assert.NotNull(flew.Agent);
        Assert.Contains("Aranibar", flew.Agent.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(document.Events, e => e.Trigger == "Housing");
    }

    [Fact]
    public void Releasing_a_person_is_justice_and_releasing_funds_is_not()
    {
        var document = Analyze("Police released the suspect on Friday. The government will release emergency funds.");
        var released = document.Events.Where(e => e.Lemma == "release").OrderBy(e => e.TriggerStart).ToList();
        Assert.Equal([EventType.ArrestJustice, EventType.Other], released.Select(e => e.Type));
    }

    [Fact]
    public void A_time_as_possessor_is_when_not_who()
    {
        var document = Analyze("Rescuers searched the rubble after last Sunday's earthquake.");
        var earthquake = Event(document, "earthquake");
        Assert.Null(earthquake.Agent);
        Assert.False(earthquake.When!.IsDocumentDateFallback);
        Assert.Contains("Sunday", earthquake.When.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duration_is_not_when_the_event_happened()
    {
        var document = Analyze("The company offered a raise of 9 percent over three years.");
        Assert.Equal(TimeExpressionType.Duration, Assert.Single(document.TimeExpressions).Type);
        var when = Event(document, "offered").When;
        Assert.NotNull(when);
        Assert.True(when.IsDocumentDateFallback);
        Assert.Equal("2024-03-08", when.Value);
    }

    [Fact]
    public void Without_a_time_expression_or_publication_date_the_time_is_an_empty_flagged_fallback()
    {
        var document = Analyze("The embassy was attacked by gunmen.", publishedAt: null);
        var when = Event(document, "attacked").When;
        Assert.NotNull(when);
        Assert.True(when.IsDocumentDateFallback);
        Assert.Null(when.Value);
        Assert.Null(when.Interval);
        Assert.Equal(0f, when.Confidence);
    }

    [Fact]
    public void Each_clause_takes_its_own_time_expression()
    {
        var document = Analyze("He arrived on Monday, and the earthquake struck on Friday.");
        Assert.Equal("Monday", Event(document, "arrived").When?.Text);
        Assert.Equal("Friday", Event(document, "struck").When?.Text);
        Assert.True(Event(document, "arrived").When?.Confidence > 0.5f);
    }

    [Fact]
    public void A_time_expression_outside_the_clause_is_attached_with_lower_confidence()
    {
        var document = Analyze("On Monday, officials said the earthquake destroyed the town.");
        var inClause = Event(document, "said").When;
        var outside = Event(document, "destroyed").When;
        Assert.Equal(("Monday", "Monday"), (inClause?.Text, outside?.Text));
        Assert.True(outside!.Confidence < inClause!.Confidence);
    }

    [Fact]
    public void Locative_phrase_is_a_place_and_the_sentence_place_is_a_weaker_fallback()
    {
        var document = Analyze("The presidents met in Geneva to discuss the crisis.");
        var met = Event(document, "met");
        var place = Assert.Single(met.Places);
        AssertArgument(document, place, "Geneva");
        var discuss = Event(document, "discuss");
        var fallback = Assert.Single(discuss.Places);
        AssertArgument(document, fallback, "Geneva");
        Assert.True(fallback.Confidence < place.Confidence);
    }

    [Fact]
    public void Event_nouns_that_are_not_places_are_not_taken_as_places()
    {
        var document = Analyze("Two firefighters were injured in the blaze.");
        Assert.Empty(Event(document, "injured").Places);
    }

    [Fact]
    public void Events_come_in_text_order_with_sentence_indexes_and_bounded_confidences()
    {
        var document = Analyze("The volcano erupted on Sunday. Thousands of people fled the area. Officials said no one died.");
        Assert.Equal(["erupted", "fled", "said", "died"], document.Events.Select(e => e.Trigger));
        Assert.Equal([0, 1, 2, 2], document.Events.Select(e => e.Sentence));
        Assert.Equal(EventModality.Negated | EventModality.Reported, Event(document, "died").Modality);
        Assert.All(document.Events, e =>
        {
            Assert.InRange(e.Confidence, 0f, 1f);
            foreach (var argument in new[] { e.Agent, e.Patient, e.Theme }.Concat(e.Places))
            {
                if (argument is not null)
                {
                    Assert.InRange(argument.Confidence, 0f, 1f);
                    Assert.Equal(argument.Text, document.Text[argument.Start..argument.End]);
                }
            }
        });
    }

    [Fact]
    public void Extraction_without_the_parse_fails_naming_the_document_and_the_missing_layers()
    {
        var document = new Document("The volcano erupted.", "doc-9");
        NlpPipeline.Create(["tokenizer", "sentences", "tagger", "lemmatizer"], NlpComponentRegistry.CreateDefault(), new ModelStore(TestData.ModelsDirectory()))
            .Process(document);
        var error = Assert.Throws<InvalidOperationException>(() => new EventExtractor().Process(document, CancellationToken.None));
        Assert.Contains("doc-9", error.Message, StringComparison.Ordinal);
        Assert.Contains("Dependencies", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_builds_the_extractor_after_the_layers_it_requires()
    {
        var component = NlpComponentRegistry.CreateDefault().Create(EventExtractor.ComponentName, new ModelStore(TestData.ModelsDirectory()));
        Assert.Equal(Annotations.Events, component.Produces);
        Assert.True(component.Requires.HasFlag(Annotations.Dependencies | Annotations.Entities | Annotations.TimeExpressions));
    }

    [Fact]
    public void Concurrent_extraction_gives_the_same_events_as_sequential()
    {
        const string text = "Rebels attacked the army base in Kandahar on Monday. Police arrested the suspect in Chicago yesterday. Officials said the suspect fled the country.";
        var document = Analyze(text);
        var expected = EventExtractor.Extract(document, CancellationToken.None);
        var results = new IReadOnlyList<EventMention>[16];
        Parallel.For(0, results.Length, i => results[i] = EventExtractor.Extract(document, CancellationToken.None));
        Assert.All(results, r => Assert.Equal(Describe(expected), Describe(r)));
    }

    private static string Describe(IReadOnlyList<EventMention> mentions) =>
        string.Join(";", mentions.Select(m => $"{m.TriggerStart}:{m.Type}:{m.Modality}:{m.Agent?.Text}:{m.Patient?.Text}:{m.Theme?.Text}:{m.When?.Value}"));

    private static Document Analyze(string text) => Analyze(text, Friday);

    private static Document Analyze(string text, DateTimeOffset? publishedAt)
    {
        var document = new Document(text, "test") { PublishedAt = publishedAt };
        Pipeline.Value.Process(document);
        return document;
    }

    private static EventMention Event(Document document, string trigger)
    {
        var found = document.Events.Where(e => e.Trigger == trigger).ToList();
        Assert.True(found.Count == 1, $"expected one '{trigger}' event, found: {string.Join(", ", document.Events.Select(e => e.Trigger))}");
        return found[0];
    }

    private static void AssertArgument(Document document, EventArgument? argument, string text)
    {
        Assert.NotNull(argument);
        Assert.Equal(text, argument.Text);
        Assert.Equal(text, document.Text[argument.Start..argument.End]);
        Assert.InRange(argument.HeadToken, 0, document.TokenCount - 1);
        Assert.True(argument.Start <= document.Tokens[argument.HeadToken].Start && document.Tokens[argument.HeadToken].End <= argument.End);
        Assert.InRange(argument.Confidence, 0f, 1f);
    }
}
