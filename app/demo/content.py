"""Demo content for a county council's digital programme.

Pure data, no logic: directorates, projects, people and sample wording for evidence,
artefacts, actions and phase changes against the GOV.UK Service Standard. Everything here
is invented for demonstration and written in plain British English.
"""

from __future__ import annotations

from app.rules.phases import Phase

DIRECTORATES: list[str] = [
    "Children and Families",
    "Health and Care",
    "Economy, Infrastructure and Skills",
    "Families and Communities",
    "Corporate Services",
    "Finance",
    "Public Health and Prevention",
    "Strategy, Governance and Change",
]

# 74 projects: 28 in discovery (concept), 26 in alpha (design), and 20 in delivery split
# as 12 in beta and 8 live. cashable is pounds a year, None where not yet estimated;
# non_cashable is "low", "moderate", "high" or None.
PROJECTS: list[dict] = [
    # discovery
    {
        "name": "Robotic process automation for back-office tasks",
        "description": (
            "Tests whether software robots can take on high-volume, rule-based tasks such as "
            "supplier set-up and payment matching, freeing finance and HR staff for more complex "
            "work."
        ),
        "directorate": "Finance",
        "phase": "discovery",
        "cashable": 250000,
        "non_cashable": "high",
    },
    {
        "name": "Data institute for the county",
        "description": (
            "Explores a shared data and insight service with universities and the police, so "
            "partners can safely combine data to understand problems and act on them earlier."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "high",
    },
    {
        "name": "Rural 5G connectivity trials",
        "description": (
            "Looks at how 5G test sites could bring better mobile coverage to rural villages, "
            "farms and business parks, working with the local university."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Digital skills for councillors, staff and volunteers",
        "description": (
            "Finds out what digital skills councillors, staff and volunteers need and how they "
            "prefer to learn, so we can plan training that fits around their work."
        ),
        "directorate": "Corporate Services",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": "moderate",
    },
    {
        "name": "Tackling loneliness in later life",
        "description": (
            "Explores how older people who feel lonely could be connected with groups, volunteers "
            "and support in their own community, online and offline."
        ),
        "directorate": "Health and Care",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Early help requests for families",
        "description": (
            "Looks at how families and professionals ask for early help, and how requests could "
            "reach the right local team without being passed around."
        ),
        "directorate": "Children and Families",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "high",
    },
    {
        "name": "Care leavers' local offer",
        "description": (
            "Explores how young people leaving care find out what support they are entitled to, "
            "such as help with housing, education and money."
        ),
        "directorate": "Children and Families",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Fostering enquiries",
        "description": (
            "Looks at why people who enquire about fostering drop out before assessment, and how "
            "we could support more of them to become foster carers."
        ),
        "directorate": "Children and Families",
        "phase": "discovery",
        "cashable": 120000,
        "non_cashable": "moderate",
    },
    {
        "name": "Carers' assessments",
        "description": (
            "Explores how unpaid carers could tell us about their caring role and ask for an "
            "assessment without waiting for a phone call back."
        ),
        "directorate": "Health and Care",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Smart sensors for gullies and flooding",
        "description": (
            "Tests low-cost sensors in roadside gullies and watercourses so highways teams can "
            "clear blockages before they cause flooding."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": 45000,
        "non_cashable": "moderate",
    },
    {
        "name": "On-street electric vehicle charging requests",
        "description": (
            "Explores how residents without a driveway could ask for a charge point near their "
            "home and see where new ones are planned."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": None,
    },
    {
        "name": "Public rights of way problem reporting",
        "description": (
            "Looks at how walkers, riders and landowners report blocked or damaged footpaths, "
            "bridleways and stiles, and how those reports are prioritised."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "low",
    },
    {
        "name": "Minerals and waste planning pre-application advice",
        "description": (
            "Explores how quarry operators and waste companies ask for advice before applying for "
            "planning permission, and what would help them submit a complete application."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": 15000,
        "non_cashable": "low",
    },
    {
        "name": "Trading standards consumer complaints",
        "description": (
            "Looks at how residents and businesses report scams, unsafe goods and rogue traders, "
            "and how reports are shared with national partners."
        ),
        "directorate": "Families and Communities",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "low",
    },
    {
        "name": "Van and trailer permits for recycling centres",
        "description": (
            "Explores how residents apply for a permit to bring a van or trailer to a household "
            "waste recycling centre, replacing a paper form."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": 20000,
        "non_cashable": "low",
    },
    {
        "name": "Wedding and civil partnership ceremony bookings",
        "description": (
            "Looks at how couples choose a venue, check availability and book a registrar for "
            "their ceremony, and where the current process causes repeat calls."
        ),
        "directorate": "Families and Communities",
        "phase": "discovery",
        "cashable": 30000,
        "non_cashable": "moderate",
    },
    {
        "name": "Apprenticeship levy transfers to local employers",
        "description": (
            "Explores how small local employers could find out about, and ask for, unspent "
            "apprenticeship levy funds from the council."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": None,
    },
    {
        "name": "Support for young people not in education or training",
        "description": (
            "Looks at how 16 to 18 year olds who are not in education, employment or training are "
            "found, contacted and helped back into learning."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Stop smoking service referrals",
        "description": (
            "Explores how GPs, pharmacies and residents refer people to the stop smoking service, "
            "and how we keep in touch with them during their quit attempt."
        ),
        "directorate": "Public Health and Prevention",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "NHS Health Check invitations",
        "description": (
            "Looks at how eligible adults aged 40 to 74 are invited for a free health check, and "
            "why some groups are less likely to take one up."
        ),
        "directorate": "Public Health and Prevention",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Domestic abuse support finder",
        "description": (
            "Explores how people experiencing domestic abuse, and those worried about someone, can "
            "find safe, local help quickly and discreetly."
        ),
        "directorate": "Families and Communities",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Supplier invoice automation",
        "description": (
            "Looks at reading and matching supplier invoices automatically, so that fewer need "
            "keying by hand and suppliers are paid on time."
        ),
        "directorate": "Finance",
        "phase": "discovery",
        "cashable": 80000,
        "non_cashable": "high",
    },
    {
        "name": "Councillors' casework tracking",
        "description": (
            "Explores how councillors raise residents' issues with officers and track the replies, "
            "replacing email chains and spreadsheets."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Freedom of information requests",
        "description": (
            "Looks at how people make freedom of information requests, and how publishing more "
            "information up front could mean fewer requests are needed."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "discovery",
        "cashable": 10000,
        "non_cashable": "moderate",
    },
    {
        "name": "Ordinary watercourse consent applications",
        "description": (
            "Explores how landowners and developers apply for consent to work on ditches, streams "
            "and culverts, and what guidance they need first."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": "low",
    },
    {
        "name": "Technology-enabled care for independent living",
        "description": (
            "Explores how sensors, alarms and other technology could help people live safely at "
            "home for longer and delay the need for residential care."
        ),
        "directorate": "Health and Care",
        "phase": "discovery",
        "cashable": 300000,
        "non_cashable": "high",
    },
    {
        "name": "Council tax support data sharing with district councils",
        "description": (
            "Looks at how the county and district councils share council tax support data, so the "
            "county can forecast its share of the tax base more accurately."
        ),
        "directorate": "Finance",
        "phase": "discovery",
        "cashable": None,
        "non_cashable": None,
    },
    {
        "name": "Archives and heritage online catalogue",
        "description": (
            "Explores how researchers and family historians search archive collections and order "
            "copies, and what should be digitised first."
        ),
        "directorate": "Families and Communities",
        "phase": "discovery",
        "cashable": 0,
        "non_cashable": None,
    },
    # alpha
    {
        "name": "Education, health and care plan drafting with AI assistance",
        "description": (
            "Helps SEND caseworkers draft education, health and care plans from the advice "
            "gathered during assessment, using an AI tool. A caseworker checks and edits every "
            "section before the draft goes to the family."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 180000,
        "non_cashable": "high",
    },
    {
        "name": "Adult social care referrals",
        "description": (
            "Lets GPs, hospital staff and other professionals refer someone for adult social care "
            "online, giving the front door team what it needs to decide next steps."
        ),
        "directorate": "Health and Care",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "high",
    },
    {
        "name": "Replacement social care case management system",
        "description": (
            "Replaces the ageing case management system that adult and children's social care "
            "practitioners use to record assessments, plans and reviews."
        ),
        "directorate": "Health and Care",
        "phase": "alpha",
        "cashable": 400000,
        "non_cashable": "high",
    },
    {
        "name": "SEND local offer",
        "description": (
            "Helps parents and young people with special educational needs and disabilities find "
            "services, support and activities in their area."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 0,
        "non_cashable": "moderate",
    },
    {
        "name": "Home to school transport",
        "description": (
            "Lets parents check whether their child is eligible for free school transport, apply, "
            "and see the travel arrangements once they are agreed."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 150000,
        "non_cashable": "moderate",
    },
    {
        "name": "Free school meals eligibility checks",
        "description": (
            "Lets parents apply for free school meals and get an instant decision where benefit "
            "records confirm their child is eligible."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 25000,
        "non_cashable": "moderate",
    },
    {
        "name": "In-year school admissions",
        "description": (
            "Lets parents apply for a school place when they move house or their child needs to "
            "change school during the school year."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Blue Badge applications",
        "description": (
            "Lets disabled people and their carers apply for, renew and replace a Blue Badge, "
            "using the national Blue Badge service where it fits."
        ),
        "directorate": "Families and Communities",
        "phase": "alpha",
        "cashable": 35000,
        "non_cashable": "moderate",
    },
    {
        "name": "Concessionary travel passes",
        "description": (
            "Lets older and disabled residents apply for or renew a free bus pass, and report one "
            "lost or stolen."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": 40000,
        "non_cashable": "moderate",
    },
    {
        "name": "Street works permits",
        "description": (
            "Lets utility companies and contractors apply for permits to dig up the road, so the "
            "council can coordinate works and reduce disruption."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": 60000,
        "non_cashable": "moderate",
    },
    {
        "name": "Dropped kerb applications",
        "description": (
            "Lets residents check whether they can have a dropped kerb outside their home, apply, "
            "and pay for the work."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "low",
    },
    {
        "name": "Adult learning course enrolment",
        "description": (
            "Lets adults find community learning courses, check whether they can get a fee "
            "reduction, and enrol and pay online."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": 20000,
        "non_cashable": "moderate",
    },
    {
        "name": "Library room and event bookings",
        "description": (
            "Lets community groups and residents book library meeting rooms and places at library "
            "events."
        ),
        "directorate": "Families and Communities",
        "phase": "alpha",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Financial assessments for care charges",
        "description": (
            "Helps people who need care work out what they may have to pay, and give us their "
            "financial details securely without a home visit if they prefer."
        ),
        "directorate": "Finance",
        "phase": "alpha",
        "cashable": 90000,
        "non_cashable": "high",
    },
    {
        "name": "Direct payment accounts",
        "description": (
            "Helps people who receive direct payments for their care, and their families, manage "
            "their account, send in returns and see their balance."
        ),
        "directorate": "Health and Care",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Recruitment and onboarding",
        "description": (
            "Helps managers advertise jobs and bring new starters on board, with pre-employment "
            "checks and first-day set-up in one place."
        ),
        "directorate": "Corporate Services",
        "phase": "alpha",
        "cashable": 30000,
        "non_cashable": "moderate",
    },
    {
        "name": "Staff intranet replacement",
        "description": (
            "Replaces the staff intranet so that staff can find policies, guidance and news "
            "quickly, on any device."
        ),
        "directorate": "Corporate Services",
        "phase": "alpha",
        "cashable": 0,
        "non_cashable": "moderate",
    },
    {
        "name": "Council data platform",
        "description": (
            "Brings data from core systems into one governed platform, so analysts can produce "
            "trusted reports and dashboards without manual extracts."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "high",
    },
    {
        "name": "Gigabit broadband coverage map",
        "description": (
            "Shows residents and businesses which premises have, or are due to get, "
            "gigabit-capable broadband, and how to register interest."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Business support grant applications",
        "description": (
            "Lets small businesses check whether they are eligible for council grant schemes, "
            "apply, and track their application."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Educational psychology requests",
        "description": (
            "Helps schools ask for educational psychology involvement for a child and follow its "
            "progress without repeated emails."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Elective home education registration",
        "description": (
            "Lets parents tell us they are educating their child at home and keep us updated, so "
            "we can offer advice and support."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Child performance and employment licences",
        "description": (
            "Lets employers, agencies and parents apply for a licence for a child to work or "
            "perform, replacing paper forms."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 5000,
        "non_cashable": "low",
    },
    {
        "name": "Mobile working for social workers",
        "description": (
            "Lets social workers record visit notes and take photos on a tablet during home "
            "visits, so they spend less time typing up back at the office."
        ),
        "directorate": "Children and Families",
        "phase": "alpha",
        "cashable": 110000,
        "non_cashable": "high",
    },
    {
        "name": "Sexual health home test kits",
        "description": (
            "Lets residents order free sexual health test kits online and get their results by "
            "text, with a route to a clinic when they need one."
        ),
        "directorate": "Public Health and Prevention",
        "phase": "alpha",
        "cashable": 50000,
        "non_cashable": "moderate",
    },
    {
        "name": "Complaints and compliments",
        "description": (
            "Lets residents make a complaint or pay a compliment about any council service, and "
            "follow the response within statutory timescales."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "alpha",
        "cashable": None,
        "non_cashable": "moderate",
    },
    # beta
    {
        "name": "Highways fault reporting",
        "description": (
            "Lets residents report potholes, broken streetlights and other road problems on a map, "
            "and get updates until the fault is fixed."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "beta",
        "cashable": 120000,
        "non_cashable": "high",
    },
    {
        "name": "School admissions for reception and secondary",
        "description": (
            "Lets parents apply for a primary or secondary school place, rank their preferred "
            "schools and accept an offer online."
        ),
        "directorate": "Children and Families",
        "phase": "beta",
        "cashable": 60000,
        "non_cashable": "moderate",
    },
    {
        "name": "Birth registration appointments",
        "description": (
            "Lets parents book an appointment to register a birth at a register office near them, "
            "and tells them what to bring."
        ),
        "directorate": "Families and Communities",
        "phase": "beta",
        "cashable": 25000,
        "non_cashable": "moderate",
    },
    {
        "name": "Office 365 smart working rollout",
        "description": (
            "Moves staff to Office 365 with training and support, so they can work flexibly and "
            "share documents securely with partners."
        ),
        "directorate": "Corporate Services",
        "phase": "beta",
        "cashable": 200000,
        "non_cashable": "high",
    },
    {
        "name": "HR self-service",
        "description": (
            "Lets staff update their details, book leave and view payslips, and lets managers "
            "approve requests, without paper forms."
        ),
        "directorate": "Corporate Services",
        "phase": "beta",
        "cashable": 75000,
        "non_cashable": "high",
    },
    {
        "name": "Finance and procurement system replacement",
        "description": (
            "Replaces the council's finance and procurement system, covering purchasing, payments, "
            "income and budget monitoring."
        ),
        "directorate": "Finance",
        "phase": "beta",
        "cashable": 350000,
        "non_cashable": "high",
    },
    {
        "name": "Care provider invoicing portal",
        "description": (
            "Lets home care and residential care providers send invoices and see when they will be "
            "paid, reducing queries to the payments team."
        ),
        "directorate": "Health and Care",
        "phase": "beta",
        "cashable": 85000,
        "non_cashable": "moderate",
    },
    {
        "name": "Community information and support directory",
        "description": (
            "Helps residents and professionals find local groups, activities and support services, "
            "kept up to date by the organisations themselves."
        ),
        "directorate": "Families and Communities",
        "phase": "beta",
        "cashable": None,
        "non_cashable": "moderate",
    },
    {
        "name": "Report a concern about a child",
        "description": (
            "Lets members of the public and professionals report a concern about a child's safety "
            "or welfare to the children's front door team."
        ),
        "directorate": "Children and Families",
        "phase": "beta",
        "cashable": None,
        "non_cashable": "high",
    },
    {
        "name": "Roadworks and travel information",
        "description": (
            "Shows planned roadworks, road closures and diversions across the county so people can "
            "plan their journeys."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "beta",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Care needs self-assessment",
        "description": (
            "Lets adults and their families describe their care needs online and get advice on "
            "support, equipment and services, before or instead of a formal assessment."
        ),
        "directorate": "Health and Care",
        "phase": "beta",
        "cashable": 140000,
        "non_cashable": "high",
    },
    {
        "name": "Subject access requests",
        "description": (
            "Lets people ask for a copy of the personal information the council holds about them, "
            "and follow the progress of their request."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "beta",
        "cashable": None,
        "non_cashable": "low",
    },
    # live
    {
        "name": "Council website",
        "description": (
            "The council's main website, giving residents information and advice about council "
            "services and routes into online transactions."
        ),
        "directorate": "Strategy, Governance and Change",
        "phase": "live",
        "cashable": 100000,
        "non_cashable": "high",
    },
    {
        "name": "Online payments",
        "description": (
            "Lets residents and businesses pay for council services and invoices online by card, "
            "using a shared payment platform."
        ),
        "directorate": "Finance",
        "phase": "live",
        "cashable": 70000,
        "non_cashable": "moderate",
    },
    {
        "name": "Library catalogue and online renewals",
        "description": (
            "Lets library members search the catalogue, reserve and renew items, and borrow "
            "e-books and e-audiobooks."
        ),
        "directorate": "Families and Communities",
        "phase": "live",
        "cashable": 15000,
        "non_cashable": "moderate",
    },
    {
        "name": "Recycling centre visit bookings",
        "description": (
            "Lets residents book a time slot to visit a household waste recycling centre, which "
            "helps to reduce queues."
        ),
        "directorate": "Economy, Infrastructure and Skills",
        "phase": "live",
        "cashable": 0,
        "non_cashable": "low",
    },
    {
        "name": "Webchat for the customer contact centre",
        "description": (
            "Lets residents chat online with customer service advisers during office hours, as an "
            "alternative to phoning."
        ),
        "directorate": "Corporate Services",
        "phase": "live",
        "cashable": 40000,
        "non_cashable": "moderate",
    },
    {
        "name": "Jobs with the council",
        "description": (
            "Lists council and school vacancies, and lets candidates apply online and track their "
            "application."
        ),
        "directorate": "Corporate Services",
        "phase": "live",
        "cashable": None,
        "non_cashable": "low",
    },
    {
        "name": "Copy certificates for births, marriages and deaths",
        "description": (
            "Lets people order certified copies of birth, marriage, civil partnership and death "
            "certificates registered in the county."
        ),
        "directorate": "Families and Communities",
        "phase": "live",
        "cashable": 20000,
        "non_cashable": "low",
    },
    {
        "name": "School closure notifications",
        "description": (
            "Lets schools report an emergency closure, for example in snow, and tells parents "
            "through the website and email alerts."
        ),
        "directorate": "Children and Families",
        "phase": "live",
        "cashable": None,
        "non_cashable": "low",
    },
]

PEOPLE: list[tuple[str, str]] = [
    ("Amira", "Hussain"),
    ("Tom", "Whitfield"),
    ("Priya", "Patel"),
    ("Gareth", "Evans"),
    ("Siobhan", "Murphy"),
    ("Kwame", "Mensah"),
    ("Hannah", "Clarke"),
    ("Mohammed", "Rahman"),
    ("Fiona", "MacLeod"),
    ("Daniel", "Okafor"),
    ("Rachel", "Bennett"),
    ("Jaspreet", "Kaur"),
    ("Owen", "Price"),
    ("Chloe", "Davies"),
    ("Marcus", "Campbell"),
    ("Aisha", "Begum"),
    ("Ben", "Shaw"),
    ("Lucy", "Chamberlain"),
    ("Rhys", "Morgan"),
    ("Nadia", "Kowalski"),
    ("Sam", "Fletcher"),
    ("Bethan", "Jones"),
    ("Imran", "Akhtar"),
    ("Grace", "Oduya"),
    ("Liam", "O'Connor"),
    ("Zara", "Ali"),
    ("Callum", "Fraser"),
    ("Eleanor", "Hughes"),
    ("Hassan", "Mahmood"),
    ("Joanne", "Pickering"),
    ("Kieran", "Doyle"),
    ("Mei", "Chen"),
    ("Nathan", "Brooks"),
    ("Olivia", "Turner"),
    ("Raj", "Sharma"),
    ("Sophie", "Atkinson"),
    ("Tariq", "Khan"),
    ("Uchenna", "Nwosu"),
    ("Victoria", "Walsh"),
    ("Wei", "Zhang"),
    ("Yasmin", "Chowdhury"),
    ("Adam", "Kershaw"),
    ("Caroline", "Nkemelu"),
    ("David", "Lloyd"),
    ("Emma", "Radford"),
    ("Faisal", "Iqbal"),
    ("Gemma", "Holloway"),
    ("Harriet", "Osei"),
]

# Team evidence accounts for each Service Standard point, three variants each, with the
# earliest phase each fits: a team in discovery has no releases, uptime or penetration test
# to tell of. A self-assessment of an earlier phase uses EARLY_EVIDENCE instead.
EVIDENCE_ACCOUNTS: dict[int, list[tuple[Phase, str]]] = {
    1: [
        (
            Phase.DISCOVERY,
            "We interviewed 24 residents and 11 frontline staff across the county, including six "
            "people who rarely use the internet. We used affinity mapping to turn the findings "
            "into 12 user needs, which we prioritised with the service owner and checked again in "
            "two further rounds of research. Contact centre data on the top reasons people call "
            "backed up what we heard.",
        ),
        (
            Phase.DISCOVERY,
            "We ran contextual inquiry with caseworkers in three area offices, shadowing eight "
            "people for half a day each. We combined this with analysis of 2,000 website sessions "
            "and 300 complaints to build four user profiles. Our research plan covers the groups "
            "we have not reached yet, including young carers and people who speak English as a "
            "second language.",
        ),
        (
            Phase.ALPHA,
            "We have tested each version of the prototype with five or six users every fortnight, "
            "38 sessions so far, mostly in people's homes and in libraries. A user researcher "
            "leads every round and everyone in the team observes at least one session a month. "
            "Findings go into a shared research log and change our backlog in the same sprint.",
        ),
    ],
    2: [
        (
            Phase.DISCOVERY,
            "We mapped the end-to-end journey from the moment someone realises they need help to "
            "the final outcome, including steps that district councils and the NHS handle. The map "
            "showed users being asked for the same information three times, so we agreed with "
            "partners to reuse what is already in the case record. We have a named contact in each "
            "partner organisation and meet them monthly.",
        ),
        (
            Phase.DISCOVERY,
            "We worked with the service owner to scope the service around what the user is trying "
            "to do rather than around our team structure, which meant merging two separate forms. "
            "A service blueprint shows the back-office steps and the policy constraints we cannot "
            "change yet. We have raised those constraints with the policy lead and are tracking "
            "them.",
        ),
        (
            Phase.ALPHA,
            "We ran two workshops with staff from the five teams involved in the journey to agree "
            "where hand-offs fail. We found that a third of applications stall while waiting for "
            "evidence, so we now check eligibility against records we already hold before asking "
            "people for documents.",
        ),
    ],
    3: [
        (
            Phase.PRIVATE_BETA,
            "We spent time with the customer contact centre and listened to 40 calls to understand "
            "why people phone rather than apply online. Advisers use the same service as "
            "residents, with an assisted mode, so records are consistent whichever channel someone "
            "uses. People who cannot use either can fill in a paper form, which feeds the same "
            "work queue.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We invite frontline staff from libraries and the contact centre to our show and "
            "tells, and they have tested the staff-facing screens with us. We updated letters, "
            "leaflets and call scripts so the wording matches the online service. Our monthly "
            "analytics report shows contact by channel so we can see where people switch.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We followed 150 cases across phone, email and face-to-face contact to see where "
            "people change channel and why. Most switches happened after an unclear letter, so we "
            "rewrote our three standard letters with users. In the pilot area this cut follow-up "
            "calls by a fifth.",
        ),
    ],
    4: [
        (
            Phase.ALPHA,
            "We have run six rounds of moderated usability testing with 31 people on mobiles, "
            "tablets and desktop computers. Completion of the main task rose from 64% to 92% over "
            "those rounds, and we fixed the two pages where people most often got stuck. We use "
            "GOV.UK Design System patterns throughout, and the service is named after the task "
            "users want to do.",
        ),
        (
            Phase.ALPHA,
            "We used tree testing and unmoderated tests with 120 participants to check the content "
            "structure, then moderated sessions to understand why people failed. A content "
            "designer pair-writes every page with a subject expert, and we test plain English "
            "versions against the originals.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We test every new feature with at least five users before it goes to everyone, and we "
            "watch completion and drop-out in analytics after release. Error messages and "
            "confirmation pages follow the design system guidance. We cut the form from 14 "
            "questions to 8 by removing questions we could answer from our own records.",
        ),
    ],
    5: [
        (
            Phase.PRIVATE_BETA,
            "We commissioned an accessibility audit against WCAG 2.2 AA, which found 11 issues; we "
            "have fixed nine and have a dated plan for the other two. We have published an "
            "accessibility statement. We have tested with nine disabled users, including people "
            "who use screen readers, screen magnifiers and voice control.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We recruited through local disability groups and a deaf community centre, running "
            "sessions with seven people with access needs. Assisted digital support is available "
            "by phone and in libraries, and we have trained 20 library staff to help people use "
            "the service.",
        ),
        (
            Phase.PRIVATE_BETA,
            "Our developers check each story with a keyboard only, an automated checker and a "
            "screen reader before it is accepted, and accessibility is part of our definition of "
            "done. Research showed that people with low digital confidence struggled to create an "
            "account, so we removed the need for one.",
        ),
    ],
    6: [
        (
            Phase.DISCOVERY,
            "We have a service owner with the authority to make decisions, a delivery manager, a "
            "user researcher, an interaction designer, a content designer and two developers, all "
            "working on the service at least four days a week. A performance analyst from the data "
            "team joins us two days a week. Our two contract developers pair with permanent staff "
            "so that knowledge stays in the council.",
        ),
        (
            Phase.DISCOVERY,
            "Our core team is made up of council staff from IT, the service area and the digital "
            "team, who sit together two days a week and work online the rest of the time. We keep "
            "a skills matrix and closed our gap in content design through a secondment. The team "
            "is funded to stay together through private beta.",
        ),
        (
            Phase.DISCOVERY,
            "We brought in a practitioner from the frontline service for two days a week, so "
            "policy and practice questions are answered within the sprint. We cover our gap in "
            "technical architecture through the corporate architecture group while we recruit to a "
            "permanent role.",
        ),
    ],
    7: [
        (
            Phase.DISCOVERY,
            "We work in two-week sprints with planning, daily stand-ups, show and tells and "
            "retrospectives. Our backlog is on a shared board that the service owner prioritises. "
            "The programme board gets a one-page update each month and has agreed to a roadmap "
            "rather than a fixed plan.",
        ),
        (
            Phase.DISCOVERY,
            "We use Kanban with limits on work in progress because requests reach us unevenly. "
            "Between 15 and 30 people come to our fortnightly show and tell, including senior "
            "managers and partner organisations. Our last three retrospectives led to changes in "
            "how we handle support requests.",
        ),
        (
            Phase.ALPHA,
            "We agreed light-touch governance with the senior responsible owner: decisions are "
            "made at show and tells and recorded in a decision log. We test assumptions with "
            "prototypes before committing to build, and we have stopped two features after "
            "research showed users did not need them.",
        ),
    ],
    8: [
        (
            Phase.PUBLIC_BETA,
            "We release changes to live about once a week and have made 46 releases since private "
            "beta started. Each change is linked to a user need or to evidence from research or "
            "analytics. We have a team and budget agreed for the first year of live so we can keep "
            "improving the service, not just maintain it.",
        ),
        (
            Phase.ALPHA,
            "We iterated the prototype 12 times during alpha, recording each version and why we "
            "changed it. We threw away three versions when testing showed the approach would not "
            "work. A design history explains our decisions so new team members can see why things "
            "are as they are.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We review feedback from the satisfaction survey, the contact centre and complaints "
            "every sprint and turn recurring themes into backlog items. Within a fortnight of "
            "launch we had changed the start page and two questions because of what users told us.",
        ),
    ],
    9: [
        (
            Phase.PRIVATE_BETA,
            "We completed a data protection impact assessment with the data protection officer and "
            "have updated it at each phase. An independent penetration test found no high-risk "
            "issues, and we have fixed the two medium ones. Access is based on roles, with single "
            "sign-on for staff and multi-factor authentication for administrators.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We worked with the information governance team on the lawful basis, retention periods "
            "and a privacy notice written in plain English. We have threat modelled the service "
            "and manage fraud risk by checking applications against records we already hold. "
            "Personal data is encrypted in transit and at rest and is stored in UK data centres.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We hold a security review with the cyber security team every fortnight and scan our "
            "dependencies for known vulnerabilities on every build. Our use of AI has been through "
            "an algorithmic transparency review, and no personal data is used to train models. We "
            "have tested our process for reporting and handling a data breach.",
        ),
    ],
    10: [
        (
            Phase.PRIVATE_BETA,
            "We agreed key measures with the service owner: completion rate, user satisfaction, "
            "cost per transaction and digital take-up, plus the time taken to make a decision. A "
            "dashboard updates daily from the service and contact centre data, and we publish a "
            "summary on the council website each quarter. Completion rate is currently 87%.",
        ),
        (
            Phase.DISCOVERY,
            "We set out what success means in a benefits map that links outcomes for users to the "
            "savings in the medium-term financial strategy. We measured call volumes and "
            "processing times before we started, so we can show the difference the service makes. "
            "The programme board reviews the figures every month.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We have a performance framework with a measure for each user need, and analytics that "
            "respect people's cookie choices. The data showed that 30% of users left on one page, "
            "which led us to redesign it. We are agreeing with the corporate performance team "
            "which figures to publish openly.",
        ),
    ],
    11: [
        (
            Phase.ALPHA,
            "We compared three options: extending the existing line-of-business system, buying a "
            "product, and building on our low-code platform. We chose to build the front end and "
            "connect to the existing system through its API, because that gave us the most control "
            "at the lowest total cost of ownership over five years. The decision and the "
            "alternatives are recorded in our architecture decision log.",
        ),
        (
            Phase.ALPHA,
            "We use the council's standard cloud hosting and a web framework our in-house team "
            "already supports. We avoided proprietary features that would tie us to one supplier, "
            "and our contract lets us export all our data in open formats. The council's design "
            "authority has reviewed and approved our architecture.",
        ),
        (
            Phase.ALPHA,
            "We built two technical spikes in alpha before choosing an approach, and recorded our "
            "reasons. Where we use an AI model, we assessed its accuracy on 200 anonymised past "
            "cases, its running costs and what we would do if the supplier withdrew it. A member "
            "of staff reviews every output before it is used.",
        ),
    ],
    12: [
        (
            Phase.PRIVATE_BETA,
            "Our code has been in a public repository under the MIT licence since the first "
            "commit, with secrets and configuration kept separately. The README explains how to "
            "run it locally. Another county council has already reused our address lookup "
            "component.",
        ),
        (
            Phase.ALPHA,
            "We keep most of our code open on GitHub; the part that holds our fraud checking rules "
            "is private, and we have recorded why. We check every pull request for secrets and "
            "personal data before merging it.",
        ),
        (
            Phase.ALPHA,
            "We have published our prototype code and will open the production repository once the "
            "penetration test is complete. The supplier contract gives the council ownership of "
            "the code and the right to publish it under an open licence.",
        ),
    ],
    13: [
        (
            Phase.ALPHA,
            "We use GOV.UK Design System components and patterns and have added our research "
            "findings to the community backlog. We use GOV.UK Notify for emails and text messages "
            "and GOV.UK Pay for payments. Address data comes from the national address gazetteer "
            "and we use UPRNs to join records across systems.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We manage content with LocalGov Drupal and reuse components that other councils have "
            "built. Our API follows the council's API standards and is documented with OpenAPI. We "
            "publish non-personal data about use of the service on the open data portal as CSV "
            "files.",
        ),
        (
            Phase.ALPHA,
            "We checked the council's catalogue of common components before building anything, and "
            "reused the corporate sign-in service and the case management integration. Where no "
            "pattern existed, we documented our own solution and shared it at the regional digital "
            "network.",
        ),
    ],
    14: [
        (
            Phase.PUBLIC_BETA,
            "We deploy through an automated pipeline that runs our tests, and we can release "
            "without any downtime. Monitoring alerts the team out of hours, and the service has "
            "been available 99.9% of the time over the last three months. We have a runbook and "
            "rehearsed restoring from backup last month.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We agreed service levels with IT operations and our supplier, and have a support "
            "model covering first, second and third line. Before each major release we load test "
            "at twice the expected peak. If the service is unavailable, a page explains what to do "
            "and the phone line takes over.",
        ),
        (
            Phase.PRIVATE_BETA,
            "We test in an environment that mirrors live, using anonymised data. We hold a short "
            "review after every incident, five so far, and track the actions that come out of "
            "them. Our AI component falls back to a manual process, which we tested during a "
            "planned outage.",
        ),
    ],
}

# What a team in discovery (or alpha) can truly say about a point whose accounts above all
# tell of a service that is already built.
EARLY_EVIDENCE: dict[int, str] = {
    3: (
        "We spent time with the customer contact centre and listened to 40 calls to understand "
        "why people phone rather than apply online. We mapped every way people reach the "
        "service today, including paper forms and visits to libraries, and where they switch "
        "from one to another. Advisers will help shape the service so that it works the same "
        "whichever way someone comes to it."
    ),
    4: (
        "We watched 15 people try to do the task today, on the council website, on the phone "
        "and on paper, and noted every place they got stuck. People do not know the service by "
        "its current name, so we will name it after what they are trying to do. We have "
        "planned fortnightly rounds of testing for the prototypes we make next."
    ),
    5: (
        "We recruited through local disability groups and a deaf community centre and included "
        "seven people with access needs in our research. We learned which assistive technology "
        "they use and what stops them using council services online today. We have planned how "
        "people who cannot use an online service on their own will get help."
    ),
    8: (
        "We tested our riskiest ideas with sketches and paper prototypes before anything was "
        "built, and dropped two when people did not understand them. Each round of research "
        "changes what we look at next, and we keep a log of what we learned and what we "
        "decided because of it."
    ),
    9: (
        "We have talked to the data protection officer about the personal data the service "
        "will need and why, and have started a data protection impact assessment. We have "
        "listed the main security and fraud risks, and will model the threats in detail "
        "before we build anything that holds real data."
    ),
    11: (
        "We have looked at the systems the service depends on today, what they cost and what "
        "they stop us doing, including whether the case management system has an API we can "
        "use. Next we will compare building, buying and extending what we have, and record "
        "the choice and why we made it."
    ),
    12: (
        "We have not written production code yet. The service owner has agreed that our code "
        "will be open from the start, and the supplier contract we are drafting gives the "
        "council ownership of the code and the right to publish it under an open licence."
    ),
    13: (
        "We checked the council's catalogue of common components and the GOV.UK Design System "
        "for patterns that fit what users need. We expect to use GOV.UK Notify for messages "
        "and GOV.UK Pay for payments, and have spoken to another council that built a similar "
        "service about what they would reuse."
    ),
    14: (
        "We have talked to IT operations about how the service would be supported and what "
        "should happen if it is unavailable. Call data shows the busiest weeks of the year, "
        "which we will plan for when we choose how to host and monitor the service."
    ),
}

# The evidence a team might link to each point, as (kind, title): a research report for
# understanding users, an accessibility audit for making sure everyone can use the
# service, a repository for open code, and so on. A title that fits two points (a service
# blueprint, show and tell slides) names the same artefact, which then supports both.
ARTEFACTS: dict[int, list[tuple[str, str]]] = {
    1: [
        ("research", "Discovery user research report"),
        ("research", "User needs and personas"),
        ("research", "Research plan and recruitment approach"),
    ],
    2: [
        ("research", "Current service journey map"),
        ("prototype", "Service blueprint"),
        ("research", "Map of the services users go to before and after ours"),
    ],
    3: [
        ("prototype", "Service blueprint"),
        ("research", "Contact centre call analysis"),
        ("research", "Current service journey map"),
    ],
    4: [
        ("prototype", "Clickable prototype"),
        ("prototype", "Prototype built with the GOV.UK Prototype Kit"),
        ("research", "Usability testing findings"),
    ],
    5: [
        ("accessibility", "Accessibility audit report"),
        ("accessibility", "Accessibility statement"),
        ("accessibility", "Assisted digital support plan"),
        ("accessibility", "Research with disabled users: summary"),
    ],
    6: [
        ("other", "Team roles and responsibilities"),
        ("other", "Team capability and recruitment plan"),
    ],
    7: [
        ("other", "Product roadmap"),
        ("other", "Risks and issues log"),
        ("other", "Show and tell slides"),
    ],
    8: [
        ("prototype", "Design history"),
        ("other", "Show and tell slides"),
        ("other", "Backlog of improvements from research"),
    ],
    9: [
        ("data_protection", "Data protection impact assessment"),
        ("data_protection", "Privacy notice"),
        ("data_protection", "Penetration test report"),
        ("data_protection", "Information sharing agreement"),
        ("data_protection", "Records retention schedule"),
    ],
    10: [
        ("performance", "Performance dashboard"),
        ("performance", "Key performance indicators"),
        ("performance", "Benefits realisation plan"),
        ("performance", "Baseline costs of the current service"),
    ],
    11: [
        ("code", "Architecture decision records"),
        ("code", "High-level architecture diagram"),
        ("code", "Technology options appraisal"),
    ],
    12: [
        ("code", "Public code repository"),
        ("code", "Open source licence and publishing decision"),
    ],
    13: [
        ("code", "API documentation"),
        ("code", "Common components and standards used"),
    ],
    14: [
        ("code", "Deployment pipeline configuration"),
        ("other", "Incident response and support plan"),
        ("performance", "Uptime and availability report"),
    ],
}


# Actions a team might set itself for an amber or red point, three per point.
ACTION_DESCRIPTIONS: dict[int, list[str]] = {
    1: [
        "Run interviews with at least six people who rarely go online before the next assessment.",
        "Write up user needs as a prioritised list and agree it with the service owner.",
        "Recruit a permanent user researcher so that research continues every sprint.",
    ],
    2: [
        "Map the end-to-end journey, including steps partners handle, and share it with them.",
        "Agree with district councils how to reuse data so users are not asked for it twice.",
        "Test whether the scope of the service matches how users describe their problem.",
    ],
    3: [
        "Spend a day with contact centre advisers and test the assisted digital route with them.",
        "Rewrite standard letters so their wording matches the online service.",
        "Report contact by channel every month and set a target for avoidable calls.",
    ],
    4: [
        "Run usability testing with at least five users on mobile devices.",
        "Replace custom components with GOV.UK Design System patterns wherever one exists.",
        "Fix the three pages with the highest drop-out and test them again.",
    ],
    5: [
        "Commission an accessibility audit against WCAG 2.2 AA and fix the issues it finds.",
        "Publish an accessibility statement before public beta.",
        "Test the service with people who use screen readers, magnifiers and voice control.",
    ],
    6: [
        "Recruit a content designer for the rest of alpha.",
        (
            "Agree with the senior responsible owner who the service owner is and what they can "
            "decide."
        ),
        (
            "Plan the handover from contractors to permanent staff, with at least two sprints of "
            "pairing."
        ),
    ],
    7: [
        "Hold a show and tell every sprint and invite members of the programme board.",
        "Hold a retrospective every sprint and track the actions that come out of it.",
        (
            "Agree lighter governance with finance so the team can change scope without a new "
            "business case."
        ),
    ],
    8: [
        "Secure funding and a team to keep improving the service in its first year of live.",
        "Keep a design history showing what changed between prototype versions and why.",
        "Set up a regular review of user feedback and turn recurring themes into backlog items.",
    ],
    9: [
        "Complete the data protection impact assessment with the data protection officer.",
        "Commission an independent penetration test and fix all high and medium risk issues.",
        (
            "Write a plain English privacy notice and link to it from every page that collects "
            "personal data."
        ),
    ],
    10: [
        "Agree key performance indicators with the service owner and record a baseline.",
        (
            "Build a dashboard showing completion rate, satisfaction, cost per transaction and "
            "take-up."
        ),
        "Publish performance data on the council website every quarter.",
    ],
    11: [
        "Record the build, buy and reuse options considered and why the team chose this one.",
        "Work out the total cost of ownership over five years, including support and licences.",
        "Check that the supplier contract lets the council export all its data in an open format.",
    ],
    12: [
        "Publish the source code in a public repository under an open licence.",
        "Record the reasons for keeping any code closed and review them every six months.",
        "Add a README so that other councils can run and reuse the code.",
    ],
    13: [
        "Use GOV.UK Notify for emails and text messages instead of the current bespoke tool.",
        "Use UPRNs to join property records across systems.",
        "Share new patterns with the design system community and the regional digital network.",
    ],
    14: [
        "Set up monitoring and out-of-hours alerts, and test that they reach the right people.",
        "Rehearse restoring the service from backup and write up what the team learnt.",
        "Agree service levels and a support model with IT operations and the supplier.",
    ],
}

# Why projects moved into each phase, by the phase they moved into. None of these cite an
# assessment: a move that followed the team's self-assessment cites it, by its date, in
# the words of PHASE_CHANGE_AFTER_SELF_ASSESSMENT.
PHASE_CHANGE_REASONS: dict[str, list[str]] = {
    "alpha": [
        "Discovery findings agreed at programme board.",
        "Concept approved by the project owner for design work.",
        "Discovery showed a clear user need; board agreed funding for an alpha.",
    ],
    "private_beta": [
        "Prototype tested well with residents; board agreed to build the service.",
        "Board agreed the business case for building the service.",
    ],
    "public_beta": [
        "Private beta ran for 8 weeks with no serious problems.",
        "Private beta users completed their tasks; board agreed to open it to everyone.",
    ],
    "live": [
        "Service is stable and supported; the old process is switched off.",
        "Public beta met its targets for six months; board agreed to remove the beta label.",
    ],
}

# Why a project moved on after the team submitted a self-assessment for the phase it left.
# {phase} is that phase, {date} the day the self-assessment was submitted.
PHASE_CHANGE_AFTER_SELF_ASSESSMENT = (
    "The team's {phase} self-assessment, submitted on {date}, was agreed at programme board."
)
