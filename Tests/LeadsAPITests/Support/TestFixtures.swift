/// Fixture documents for API tests.
enum TestFixtures {
    /// Two organisations with a person each, plus Dave who belongs to both; stages and
    /// clients in each; three leads in org-a and one in org-b.
    static let standard = """
        {
          "organisations": [
            {"unique_id": "org-a", "name": "Alpha Ltd"},
            {"unique_id": "org-b", "name": "Beta Ltd"}
          ],
          "people": [
            {"unique_id": "person-alice", "username": "alice", "password": "alice-pass",
             "full_name": "Alice Anders", "organisations": ["org-a"]},
            {"unique_id": "person-bob", "username": "bob", "password": "bob-pass",
             "full_name": "Bob Botha", "organisations": ["org-b"]},
            {"unique_id": "person-dave", "username": "dave", "password": "dave-pass",
             "full_name": "Dave Dlamini", "organisations": ["org-a", "org-b"]},
            {"unique_id": "person-olive", "username": "olive", "password": "olive-pass",
             "full_name": "Olive Outsider", "organisations": []}
          ],
          "sales_stages": [
            {"unique_id": "stage-new", "organisation": "org-a", "name": "New"},
            {"unique_id": "stage-won", "organisation": "org-a", "name": "Won"},
            {"unique_id": "stage-b", "organisation": "org-b", "name": "New"}
          ],
          "clients": [
            {"unique_id": "client-acme", "organisation": "org-a", "name": "Acme"},
            {"unique_id": "client-b", "organisation": "org-b", "name": "Beta Client"}
          ],
          "leads": [
            {"organisation": "org-a", "created_by": "person-alice", "unique_id": "lead-1",
             "title": "Website redesign", "lead_source": "website", "sales_stage": "stage-new",
             "estimated_value": "1000.00", "win_probability": "50.00",
             "date_created": "2026-11-01T09:00:00Z"},
            {"organisation": "org-a", "created_by": "person-alice", "unique_id": "lead-2",
             "title": "Cloud MIGRATION", "lead_source": "referral", "sales_stage": "stage-won",
             "client": "client-acme", "estimated_value": "2500.50", "win_probability": "100",
             "date_created": "2026-11-02T09:00:00Z"},
            {"organisation": "org-a", "created_by": "person-dave", "unique_id": "lead-3",
             "title": "Payroll integration", "lead_source": "website",
             "sales_stage": "stage-new", "win_probability": "0",
             "date_created": "2026-11-03T09:00:00Z"},
            {"organisation": "org-b", "created_by": "person-bob", "unique_id": "lead-b1",
             "title": "Beta secret deal", "lead_source": "partner", "sales_stage": "stage-b",
             "date_created": "2026-11-01T10:00:00Z"}
          ]
        }
        """
}
