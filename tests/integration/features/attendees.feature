Feature: Attendees from the booking office reach CLAMS
  The organisers export their bookings from BAMS and upload the file. CLAMS keeps one
  record per booking code, serves them over the API, and reports on the event.

  Background:
    Given the local CLAMS is running with no attendees
    And I am signed in as the local organiser

  Scenario: New BAMS records are added
    When I upload a BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | NEW001   | Ada Byron   | ada@example.org    | 070         | 035        | Wed        | no          | 2            |
      | NEW002   | Ben Okafor  | ben@example.org    | 035         | 035        | Fri        | yes         | 0            |
    Then the attendee NEW001 is named "Ada Byron"
    And the attendee NEW002 is named "Ben Okafor"

  Scenario: Changed records are updated
    Given I have uploaded a BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | UPD001   | Cai Jones   | cai@example.org    | 035         | 000        | Sat        | no          | 1            |
    When I upload a later BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | UPD001   | Cai Jones   | cai@example.org    | 035         | 035        | Sat        | no          | 1            |
    Then the attendee UPD001 has paid 35 pounds and owes 0

  Scenario: All attendees are listed
    When I upload a BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | LST001   | Dee Patel   | dee@example.org    | 035         | 000        | Tue        | no          | 0            |
      | LST002   | Eli Novak   | eli@example.org    | 035         | 000        | Thu        | no          | 0            |
      | LST003   | Fay Murphy  | fay@example.org    | 035         | 000        | Fri        | no          | 0            |
    Then the attendee list holds LST001, LST002 and LST003

  Scenario: One attendee is fetched
    When I upload a BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | ONE001   | Gus Ferreira| gus@example.org    | 070         | 010        | Wed        | yes         | 1            |
    Then the attendee ONE001 stays 5 nights and owes 60 pounds

  Scenario: The report shows the event's figures
    When I upload a BAMS export with these rows
      | AuthCode | Name        | Email              | AmountToPay | AmountPaid | ArrivalDay | StayingLate | NumberOfKids |
      | REP001   | Hal Singh   | hal@example.org    | 070         | 035        | Wed        | no          | 2            |
      | REP002   | Ida Kowal   | ida@example.org    | 035         | 035        | Fri        | yes         | 0            |
    Then the report shows
      | TotalAttendees | TotalKids | TotalNightsCamped | TotalPaid | TotalToPay | TotalIncome |
      | 2              | 2         | 7                 | 70        | 35         | 105         |
