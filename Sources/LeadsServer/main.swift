// The executable stays thin: it reads the command line and environment, then hands over
// to LeadsAPI's Application.
ServerCommand.run(arguments: Array(CommandLine.arguments.dropFirst()))
