import ClaimsCLI
ClaimsProgram.main()
