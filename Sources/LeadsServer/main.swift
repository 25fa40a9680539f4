// The executable stays thin: it parses configuration and hands over to LeadsAPI.
