using Storytelling.Cli;

return await StorytellingCommand.InvokeAsync(args, Console.Out, Console.Error);
