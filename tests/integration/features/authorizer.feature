Feature: Only signed-in organisers and viewers see attendees
  Every route but the API description sits behind the authorizer the stack names.

  Background:
    Given the local CLAMS is running with no attendees

  Scenario: Valid credentials pass the authorizer
    When I ask for the attendee list as the local organiser
    Then the answer is 200

  Scenario: Invalid credentials do not pass the authorizer
    When I ask for the attendee list with a wrong password
    Then the answer is 403 "Forbidden"

  Scenario: Missing credentials do not reach the authorizer
    When I ask for the attendee list without credentials
    Then the answer is 401 "Unauthorized"
