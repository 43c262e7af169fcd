Feature: Workshop sign-ups from the database reach the API
  Sign-ups live in the relational database. A trigger records each change, the relay
  moves the records to a queue every minute, and the processor stores them for the API.

  Background:
    Given the local CLAMS is running with no attendees
    And I am signed in as the local organiser

  Scenario: Database sign-ups are relayed and processed
    Given "Jo Marsh" signs up for the workshop "Campfire cooking" in the database
    When the relay's schedule runs
    Then the workshop "Campfire cooking" lists "Jo Marsh" as a sign-up
