using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Storytelling.Nlp.Tests")]
